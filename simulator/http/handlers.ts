import type { ServerlessRetired } from '../options.js';
import type { SimProject, SimWorld } from '../world/model.js';
import { handleDedicated } from './handlers-dedicated.js';
import {
  renderFlexCluster,
  renderFlexSnapshot,
  renderGroup,
  renderServerlessInstance,
  renderServerlessSnapshot,
} from './render.js';
import { renderFlexRestoreJob } from './render-restores.js';
import type { SimEndpoint } from './routes.js';
import { apiError, type ListQuery, okPage, okResource, type SimResponse } from './wire.js';

export interface HandlerContext {
  world: SimWorld;
  /** the server's own URL as the client reached it, e.g. http://127.0.0.1:4321 */
  base: string;
  /** the request path, for `self` links */
  path: string;
  version: string;
  query: ListQuery;
  serverlessRetired: ServerlessRetired;
  /** what a project the credentials cannot read answers: historical Atlas says 401 */
  unauthorizedStatus: 401 | 403;
  /** the credentials have Project Read Only but not Project Backup Manager */
  readOnly: boolean;
  /** the `name` query parameter */
  nameFilter?: string;
  /** the request's query, for filters beyond paging (events: eventType, minDate, maxDate) */
  search?: URLSearchParams;
}

/** Deprecated serverless endpoints announce their dates (spec x-sunset). */
const SERVERLESS_LIST_DATES = {
  deprecation: 'Sat, 1 Feb 2025 00:00:00 GMT',
  sunset: 'Mon, 18 Jan 2027 00:00:00 GMT',
};
const SERVERLESS_BACKUP_DATES = {
  deprecation: 'Sat, 1 Feb 2025 00:00:00 GMT',
  sunset: 'Thu, 22 Jan 2026 00:00:00 GMT',
};

const HEX24 = /^[a-f0-9]{24}$/;

/** The project, or the error Atlas gives for it. */
function readableProject(ctx: HandlerContext, groupId: string): SimProject | SimResponse {
  if (!HEX24.test(groupId))
    return apiError(400, 'INVALID_GROUP_ID', `An invalid group ID ${groupId} was specified.`, [groupId]);
  const p = ctx.world.projects.find((x) => x.id === groupId);
  if (!p) return apiError(404, 'GROUP_NOT_FOUND', `No group with ID ${groupId} exists.`, [groupId]);
  if (!p.readable) {
    return apiError(
      ctx.unauthorizedStatus,
      'USER_UNAUTHORIZED',
      'Current user is not authorized to perform this action.',
    );
  }
  return p;
}

function withDates(res: SimResponse, dates: { deprecation: string; sunset: string }): SimResponse {
  return { ...res, headers: { ...res.headers, deprecation: dates.deprecation, sunset: dates.sunset } };
}

function isResponse(x: unknown): x is SimResponse {
  return typeof x === 'object' && x !== null && 'status' in x && 'body' in x;
}

function flex(p: SimProject, name: string) {
  const c = p.flex.find((x) => x.name === name);
  if (c) return c;
  if (p.serverless.some((s) => s.name === name) || p.dedicated.some((d) => d.name === name)) {
    return apiError(
      400,
      'CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API',
      `Cannot use non-flex cluster ${name} in the flex API.`,
      [name],
    );
  }
  return apiError(404, 'CLUSTER_NOT_FOUND', `No cluster named ${name} exists in group ${p.id}.`, [
    name,
    p.id,
  ]);
}

function gone(ctx: HandlerContext, sunset: string) {
  const detail = `Version ${ctx.version} of this resource was sunset on ${sunset} and is no longer available.`;
  return apiError(410, 'VERSION_GONE', detail, [ctx.version]);
}

function serverless(ctx: HandlerContext, p: SimProject, name: string) {
  if (ctx.serverlessRetired) return gone(ctx, '2026-01-22');
  const s = p.serverless.find((x) => x.name === name);
  if (s) return s;
  return apiError(
    404,
    'SERVERLESS_INSTANCE_NOT_FOUND',
    `No serverless instance named ${name} exists in group ${p.id}.`,
    [name, p.id],
  );
}

/** Newest first; `eventType` repeatable, `minDate`/`maxDate` inclusive ISO dates (spec). */
function projectEvents(ctx: HandlerContext, p: SimProject, self: string): SimResponse {
  const search = ctx.search ?? new URLSearchParams();
  const types = new Set(search.getAll('eventType'));
  const bound = (name: string, fallback: number) => {
    const raw = search.get(name);
    return raw === null ? fallback : Date.parse(raw);
  };
  const minMs = bound('minDate', Number.NEGATIVE_INFINITY);
  const maxMs = bound('maxDate', Number.POSITIVE_INFINITY);
  if (Number.isNaN(minMs) || Number.isNaN(maxMs))
    return apiError(400, 'INVALID_DATE_FORMAT', 'minDate and maxDate must be ISO 8601 dates.', []);
  const items = (p.events ?? [])
    .filter(
      (e) => (types.size === 0 || types.has(e.eventTypeName)) && e.createdMs >= minMs && e.createdMs <= maxMs,
    )
    .reverse()
    .map((e) => ({
      id: e.id,
      created: new Date(e.createdMs).toISOString().replace('.000Z', 'Z'),
      eventTypeName: e.eventTypeName,
      groupId: p.id,
      isGlobalAdmin: false,
      links: [{ href: `${ctx.base}/api/atlas/v2/groups/${p.id}/events/${e.id}`, rel: 'self' }],
    }));
  return okPage(items, ctx.query, self, ctx.version);
}

/** Answers a routed, authenticated, rate-limited v2 request. */
export function handle(endpoint: SimEndpoint, params: readonly string[], ctx: HandlerContext): SimResponse {
  const { world, base, query, version } = ctx;
  const self = `${base}${ctx.path}`;
  const [first = '', second = '', third = ''] = params;
  if (endpoint === 'groups')
    return okPage(
      world.projects.map((p) => renderGroup(p, base)),
      query,
      self,
      version,
    );
  if (endpoint === 'org_groups') {
    if (first !== world.orgId)
      return apiError(404, 'ORG_NOT_FOUND', `No organization ${first} exists.`, [first]);
    // `name` is a case-insensitive prefix filter (spec, org projects only).
    const prefix = (ctx.nameFilter ?? '').toLowerCase();
    const projects = world.projects.filter((x) => x.name.toLowerCase().startsWith(prefix));
    return okPage(
      projects.map((x) => renderGroup(x, base)),
      query,
      self,
      version,
    );
  }
  const p = readableProject(ctx, first);
  if (isResponse(p)) return p;
  if (endpoint === 'project_events') return projectEvents(ctx, p, self);
  const dedicated = handleDedicated(endpoint, p, second, {
    base,
    self,
    version,
    query,
    readOnly: ctx.readOnly,
    unauthorizedStatus: ctx.unauthorizedStatus,
  });
  if (dedicated) return dedicated;
  switch (endpoint) {
    case 'flex_clusters':
      return okPage(p.flex.map(renderFlexCluster), query, self, version);
    case 'flex_snapshots': {
      const c = flex(p, second);
      return isResponse(c) ? c : okPage(c.snapshots.map(renderFlexSnapshot), query, self, version);
    }
    case 'flex_restore_jobs': {
      const c = flex(p, second);
      if (isResponse(c)) return c;
      return okPage(
        c.restoreJobs.map((j) => renderFlexRestoreJob(c, j, base)),
        query,
        self,
        version,
      );
    }
    case 'flex_snapshot': {
      const c = flex(p, second);
      if (isResponse(c)) return c;
      const s = c.snapshots.find((x) => x.id === third);
      if (!s) return apiError(404, 'SNAPSHOT_NOT_FOUND', `No snapshot with ID ${third} exists.`, [third]);
      return okResource(renderFlexSnapshot(s), version, query);
    }
    case 'serverless_instances': {
      // Since 2026-01-15 Atlas answers this list with no instances; once removed, with the spec's 410.
      if (ctx.serverlessRetired === 'gone') return gone(ctx, '2027-01-18');
      const items = ctx.serverlessRetired ? [] : p.serverless.map((s) => renderServerlessInstance(s, base));
      return withDates(okPage(items, query, self, version), SERVERLESS_LIST_DATES);
    }
    case 'serverless_snapshots': {
      const s = serverless(ctx, p, second);
      if (isResponse(s)) return s;
      const items = s.snapshots.map((x) => renderServerlessSnapshot(s, x, base));
      return withDates(okPage(items, query, self, version), SERVERLESS_BACKUP_DATES);
    }
    case 'serverless_snapshot': {
      const s = serverless(ctx, p, second);
      if (isResponse(s)) return s;
      const snap = s.snapshots.find((x) => x.id === third);
      if (!snap) return apiError(404, 'SNAPSHOT_NOT_FOUND', `No snapshot with ID ${third} exists.`, [third]);
      return withDates(
        okResource(renderServerlessSnapshot(s, snap, base), version, query),
        SERVERLESS_BACKUP_DATES,
      );
    }
    default:
      return apiError(404, 'RESOURCE_NOT_FOUND', `Cannot find resource ${ctx.path}.`, [ctx.path]);
  }
}
