/** The Atlas endpoints we call: the `endpoint` label of the API metrics, path and versioned Accept. */
export type EndpointName =
  | 'oauth_token'
  | 'groups'
  | 'org_groups'
  | 'flex_clusters'
  | 'flex_snapshots'
  | 'serverless_instances'
  | 'serverless_snapshots'
  | 'clusters'
  | 'cluster_snapshots'
  | 'sharded_cluster_snapshots'
  | 'backup_schedule';

/** An endpoint (a paged list, or one resource), bound to its path parameters. */
export interface ListEndpoint {
  readonly name: EndpointName;
  /** Path below the base URL, e.g. `/api/atlas/v2/groups`, path parameters already encoded. */
  readonly path: string;
  /** The exact versioned media type Atlas documents for this endpoint. */
  readonly accept: string;
}

const V2 = '/api/atlas/v2';
const v2023 = 'application/vnd.atlas.2023-01-01+json';
const v2024 = 'application/vnd.atlas.2024-11-13+json';
// The newest GET version of the cluster list and the schedule; 2024-10-23 exists only for writes.
const v20240805 = 'application/vnd.atlas.2024-08-05+json';
const seg = encodeURIComponent;

export const endpoints = {
  groups: (): ListEndpoint => ({ name: 'groups', path: `${V2}/groups`, accept: v2023 }),
  orgGroups: (orgId: string): ListEndpoint => ({
    name: 'org_groups',
    path: `${V2}/orgs/${seg(orgId)}/groups`,
    accept: v2023,
  }),
  flexClusters: (groupId: string): ListEndpoint => ({
    name: 'flex_clusters',
    path: `${V2}/groups/${seg(groupId)}/flexClusters`,
    accept: v2024,
  }),
  flexSnapshots: (groupId: string, name: string): ListEndpoint => ({
    name: 'flex_snapshots',
    path: `${V2}/groups/${seg(groupId)}/flexClusters/${seg(name)}/backup/snapshots`,
    accept: v2024,
  }),
  serverlessInstances: (groupId: string): ListEndpoint => ({
    name: 'serverless_instances',
    path: `${V2}/groups/${seg(groupId)}/serverless`,
    accept: v2023,
  }),
  serverlessSnapshots: (groupId: string, name: string): ListEndpoint => ({
    name: 'serverless_snapshots',
    path: `${V2}/groups/${seg(groupId)}/serverless/${seg(name)}/backup/snapshots`,
    accept: v2023,
  }),
  clusters: (groupId: string): ListEndpoint => ({
    name: 'clusters',
    path: `${V2}/groups/${seg(groupId)}/clusters`,
    accept: v20240805,
  }),
  clusterSnapshots: (groupId: string, name: string): ListEndpoint => ({
    name: 'cluster_snapshots',
    path: `${V2}/groups/${seg(groupId)}/clusters/${seg(name)}/backup/snapshots`,
    accept: v2023,
  }),
  shardedClusterSnapshots: (groupId: string, name: string): ListEndpoint => ({
    name: 'sharded_cluster_snapshots',
    path: `${V2}/groups/${seg(groupId)}/clusters/${seg(name)}/backup/snapshots/shardedClusters`,
    accept: v2023,
  }),
  backupSchedule: (groupId: string, name: string): ListEndpoint => ({
    name: 'backup_schedule',
    path: `${V2}/groups/${seg(groupId)}/clusters/${seg(name)}/backup/schedule`,
    accept: v20240805,
  }),
} as const;

export const OAUTH_TOKEN_PATH = '/api/oauth/token';
