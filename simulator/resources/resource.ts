import type { ListQuery, SimResponse } from '../http/wire.js';
import type { ServerlessRetired } from '../options.js';
import type { SimProject, SimWorld } from '../world/model.js';

/** The one version Atlas documents for each endpoint (`Accept: application/vnd.atlas.<date>+json`). */
export const V2023 = '2023-01-01';
export const V2024 = '2024-11-13';
/** The newest GET version of the cluster list and the backup schedule (2024-10-23 is writes only). */
export const V20240805 = '2024-08-05';
/** Collection-level restore jobs (added to the spec in April 2026). */
export const V20250312 = '2025-03-12';

/** The v2 path of a project: routes append their own. */
export const GROUP_PATH = '/api/atlas/v2/groups/([^/]+)';

/** The role Atlas's restore-job lists of dedicated clusters need beyond Project Read Only. */
export const PROJECT_BACKUP_MANAGER = 'Project Backup Manager';

/** Fault knobs a test can turn while the simulator runs; each resource reads the ones it has. */
export interface SimKnobs {
  serverlessRetired: ServerlessRetired;
}

/** What every answer needs: the request as routed and parsed, and the knobs. */
interface RequestBase {
  world: SimWorld;
  /** the server's own URL as the client reached it, e.g. http://127.0.0.1:4321 */
  base: string;
  /** the request URL without its query, for `self` links */
  self: string;
  /** the request path */
  path: string;
  version: string;
  query: ListQuery;
  /** the request's query, for filters beyond paging (a name prefix, event types and dates) */
  search: URLSearchParams;
  knobs: SimKnobs;
}

/** An organisation-level request: its path parameters. */
export interface OrgRequest extends RequestBase {
  params: readonly string[];
}

/** A request inside a project the credentials can read: the project, and the parameters after its id. */
export interface ProjectRequest extends RequestBase {
  project: SimProject;
  params: readonly string[];
}

interface RouteBase<E extends string> {
  /** the exporter's `endpoint` label value */
  endpoint: E;
  method: 'GET';
  pattern: RegExp;
  version: string;
  paged?: boolean;
  /** a role these credentials must hold (in the project, or the organisation); without it, USER_UNAUTHORIZED */
  role?: string;
}

/** One Atlas endpoint: where it is, and how it answers. */
export type SimRoute<E extends string = string> = RouteBase<E> &
  (
    | { scope: 'org'; handle(req: OrgRequest): SimResponse }
    | { scope: 'project'; handle(req: ProjectRequest): SimResponse }
  );

/** One list Atlas keeps: its routes (with their roles), rendering and data live in its module. */
export interface SimResource<E extends string = string> {
  readonly name: string;
  readonly routes: readonly SimRoute<E>[];
}

/** Keeps each route's endpoint name as a literal type, so SimEndpoint is the union of them all. */
export function simResource<const E extends string>(resource: SimResource<E>): SimResource<E> {
  return resource;
}
