/**
 * An Atlas endpoint's name: the `endpoint` label of the API metrics (e.g. `flex_snapshots`).
 * Each kind (src/kinds) and collector (src/collectors) names its own; the transport only carries them.
 */
export type EndpointName = string;

/** An endpoint (a paged list, or one resource), bound to its path parameters. */
export interface ListEndpoint {
  readonly name: EndpointName;
  /** Path below the base URL, e.g. `/api/atlas/v2/groups`, path parameters already encoded. */
  readonly path: string;
  /** The exact versioned media type Atlas documents for this endpoint. */
  readonly accept: string;
  /** Filters a list takes besides paging, already encoded, e.g. `eventType=A&eventType=B`. */
  readonly query?: string;
}

/** The versioned media types of the Admin API v2 that our endpoints use. */
export const MEDIA_TYPES = {
  v20230101: 'application/vnd.atlas.2023-01-01+json',
  // The newest GET version of the cluster list and the schedule; 2024-10-23 exists only for writes.
  v20240805: 'application/vnd.atlas.2024-08-05+json',
  v20241113: 'application/vnd.atlas.2024-11-13+json',
  v20240530: 'application/vnd.atlas.2024-05-30+json',
  v20231001: 'application/vnd.atlas.2023-10-01+json',
  v20250312: 'application/vnd.atlas.2025-03-12+json',
} as const;

/** A path segment as Atlas wants it in a path: names may hold spaces and slashes. */
export const segment = encodeURIComponent;

/** An Admin API v2 endpoint; `path` is below `/api/atlas/v2`, its segments already encoded. */
export function v2Endpoint(name: EndpointName, accept: string, path: string): ListEndpoint {
  return { name, path: `/api/atlas/v2${path}`, accept };
}

export const OAUTH_TOKEN_PATH = '/api/oauth/token';

/** What Atlas keeps one bucket of a rate-limit set for. */
export type RateLimitScope = 'project' | 'organisation' | 'user';

/** One of Atlas's rate-limit endpoint sets: a token bucket per scope. */
export interface RateLimitSet {
  readonly scope: RateLimitScope;
  /** requests the bucket holds */
  readonly capacity: number;
  /** tokens added back a minute */
  readonly refillPerMinute: number;
}

const set = (scope: RateLimitScope, capacity: number, refillPerMinute: number): RateLimitSet => ({
  scope,
  capacity,
  refillPerMinute,
});

/**
 * Atlas's published rate limits (MongoDB documentation, February 2026, "not part of the API
 * contract"): the pacer starts from these and takes Atlas's RateLimit-* headers over them.
 */
export const RATE_LIMIT_SETS = {
  cloudBackups: set('project', 1200, 500),
  flexSnapshots: set('project', 1200, 500),
  flexRestoreJobs: set('project', 1200, 500),
  flexClusters: set('project', 1200, 500),
  clusters: set('project', 10_000, 5000),
  projectEvents: set('project', 300, 100),
  projects: set('user', 1200, 500),
  orgProjects: set('organisation', 500, 250),
  invoices: set('organisation', 500, 100),
  alertsAndArchives: set('project', 1200, 500),
  rateLimitInspection: set('user', 300, 100),
} as const;

export type RateLimitSetName = keyof typeof RATE_LIMIT_SETS;

/**
 * Each endpoint's set. Serverless is in no published set: its instance list is counted with the
 * cluster lists and its snapshots with the other snapshots (a guess that costs nothing past its
 * sunset). The token request is not an Admin API endpoint and has no set.
 */
export const ENDPOINT_RATE_LIMIT_SETS: Readonly<Record<EndpointName, RateLimitSetName>> = {
  groups: 'projects',
  org_groups: 'orgProjects',
  project_events: 'projectEvents',
  flex_clusters: 'flexClusters',
  flex_snapshots: 'flexSnapshots',
  flex_restore_jobs: 'flexRestoreJobs',
  serverless_instances: 'clusters',
  serverless_snapshots: 'cloudBackups',
  clusters: 'clusters',
  cluster_snapshots: 'cloudBackups',
  sharded_cluster_snapshots: 'cloudBackups',
  backup_schedule: 'cloudBackups',
  restore_jobs: 'cloudBackups',
  collection_restore_jobs: 'cloudBackups',
  export_jobs: 'cloudBackups',
  export_buckets: 'cloudBackups',
  compliance_policy: 'cloudBackups',
  invoices: 'invoices',
  online_archives: 'alertsAndArchives',
  rate_limits: 'rateLimitInspection',
};
