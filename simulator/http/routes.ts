/** Endpoint names: the exporter's `endpoint` label values, plus the simulator's own extras. */
export type SimEndpoint =
  | 'oauth_token'
  | 'oauth_revoke'
  | 'groups'
  | 'org_groups'
  | 'flex_clusters'
  | 'flex_snapshots'
  | 'flex_snapshot'
  | 'serverless_instances'
  | 'serverless_snapshots'
  | 'serverless_snapshot'
  | 'clusters'
  | 'cluster_snapshots'
  | 'sharded_cluster_snapshots'
  | 'backup_schedule'
  | 'flex_restore_jobs'
  | 'restore_jobs'
  | 'project_events'
  | 'unknown';

/** The one version Atlas documents for each endpoint (`Accept: application/vnd.atlas.<date>+json`). */
export const V2023 = '2023-01-01';
export const V2024 = '2024-11-13';
/** The newest GET version of the cluster list and the backup schedule (2024-10-23 is writes only). */
export const V20240805 = '2024-08-05';

export interface Route {
  endpoint: SimEndpoint;
  method: 'GET' | 'POST';
  pattern: RegExp;
  /** undefined: not a versioned v2 endpoint (OAuth) */
  version?: string;
  paged?: boolean;
}

const G = '/api/atlas/v2/groups/([^/]+)';

const ROUTES: readonly Route[] = [
  { endpoint: 'oauth_token', method: 'POST', pattern: /^\/api\/oauth\/token$/ },
  { endpoint: 'oauth_revoke', method: 'POST', pattern: /^\/api\/oauth\/revoke$/ },
  { endpoint: 'groups', method: 'GET', pattern: /^\/api\/atlas\/v2\/groups$/, version: V2023, paged: true },
  {
    endpoint: 'org_groups',
    method: 'GET',
    pattern: /^\/api\/atlas\/v2\/orgs\/([^/]+)\/groups$/,
    version: V2023,
    paged: true,
  },
  {
    endpoint: 'project_events',
    method: 'GET',
    pattern: new RegExp(`^${G}/events$`),
    version: V2023,
    paged: true,
  },
  {
    endpoint: 'flex_clusters',
    method: 'GET',
    pattern: new RegExp(`^${G}/flexClusters$`),
    version: V2024,
    paged: true,
  },
  {
    endpoint: 'flex_snapshots',
    method: 'GET',
    pattern: new RegExp(`^${G}/flexClusters/([^/]+)/backup/snapshots$`),
    version: V2024,
    paged: true,
  },
  {
    endpoint: 'flex_snapshot',
    method: 'GET',
    pattern: new RegExp(`^${G}/flexClusters/([^/]+)/backup/snapshots/([^/]+)$`),
    version: V2024,
  },
  {
    endpoint: 'serverless_instances',
    method: 'GET',
    pattern: new RegExp(`^${G}/serverless$`),
    version: V2023,
    paged: true,
  },
  {
    endpoint: 'serverless_snapshots',
    method: 'GET',
    pattern: new RegExp(`^${G}/serverless/([^/]+)/backup/snapshots$`),
    version: V2023,
    paged: true,
  },
  {
    endpoint: 'serverless_snapshot',
    method: 'GET',
    pattern: new RegExp(`^${G}/serverless/([^/]+)/backup/snapshots/([^/]+)$`),
    version: V2023,
  },
  {
    endpoint: 'clusters',
    method: 'GET',
    pattern: new RegExp(`^${G}/clusters$`),
    version: V20240805,
    paged: true,
  },
  {
    endpoint: 'cluster_snapshots',
    method: 'GET',
    pattern: new RegExp(`^${G}/clusters/([^/]+)/backup/snapshots$`),
    version: V2023,
    paged: true,
  },
  {
    // The spec declares no paging parameters here, yet the answer has links and totalCount.
    endpoint: 'sharded_cluster_snapshots',
    method: 'GET',
    pattern: new RegExp(`^${G}/clusters/([^/]+)/backup/snapshots/shardedClusters$`),
    version: V2023,
    paged: true,
  },
  {
    endpoint: 'flex_restore_jobs',
    method: 'GET',
    pattern: new RegExp(`^${G}/flexClusters/([^/]+)/backup/restoreJobs$`),
    version: V2024,
    paged: true,
  },
  {
    endpoint: 'restore_jobs',
    method: 'GET',
    pattern: new RegExp(`^${G}/clusters/([^/]+)/backup/restoreJobs$`),
    version: V2023,
    paged: true,
  },
  {
    endpoint: 'backup_schedule',
    method: 'GET',
    pattern: new RegExp(`^${G}/clusters/([^/]+)/backup/schedule$`),
    version: V20240805,
  },
];

export interface RouteMatch {
  route: Route;
  /** decoded path parameters, in path order */
  params: string[];
}

export function matchRoute(method: string, path: string): RouteMatch | undefined {
  for (const route of ROUTES) {
    const m = route.pattern.exec(path);
    if (!m || route.method !== method) continue;
    try {
      return { route, params: m.slice(1).map((p) => decodeURIComponent(p)) };
    } catch {
      return undefined;
    }
  }
  return undefined;
}
