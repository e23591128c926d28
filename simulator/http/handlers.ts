import type { OrgRequest, SimRoute } from '../resources/resource.js';
import type { SimProject } from '../world/model.js';
import { apiError, isResponse, type SimResponse, userUnauthorized } from './wire.js';

/** A routed request before its route answers: the project it names is not resolved yet. */
export interface HandlerContext extends Omit<OrgRequest, 'params'> {
  /** what a project the credentials cannot read answers: historical Atlas says 401 */
  unauthorizedStatus: 401 | 403;
  /** roles these credentials lack in every project and the organisation; routes that need one are refused */
  missingRoles: ReadonlySet<string>;
}

const HEX24 = /^[a-f0-9]{24}$/;

/** The project, or the error Atlas gives for it. */
function readableProject(ctx: HandlerContext, groupId: string): SimProject | SimResponse {
  if (!HEX24.test(groupId))
    return apiError(400, 'INVALID_GROUP_ID', `An invalid group ID ${groupId} was specified.`, [groupId]);
  const p = ctx.world.projects.find((x) => x.id === groupId);
  if (!p) return apiError(404, 'GROUP_NOT_FOUND', `No group with ID ${groupId} exists.`, [groupId]);
  if (!p.readable) return userUnauthorized(ctx.unauthorizedStatus);
  return p;
}

/**
 * Answers a routed, authenticated, rate-limited v2 request: a project's route gets the project
 * (or the error for it), then the role check, then its own answer; an organisation's route the
 * role check, then its answer.
 */
export function handle(route: SimRoute, params: readonly string[], ctx: HandlerContext): SimResponse {
  const refused = route.role !== undefined && ctx.missingRoles.has(route.role);
  if (route.scope === 'org')
    return refused ? userUnauthorized(ctx.unauthorizedStatus) : route.handle({ ...ctx, params });
  const [groupId = '', ...rest] = params;
  const project = readableProject(ctx, groupId);
  if (isResponse(project)) return project;
  if (refused) return userUnauthorized(ctx.unauthorizedStatus);
  return route.handle({ ...ctx, project, params: rest });
}
