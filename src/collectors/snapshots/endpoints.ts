import { MEDIA_TYPES, segment, v2Endpoint } from '../../atlas/endpoints.js';
import { dedicatedCluster } from '../../kinds/dedicated/endpoints.js';

/** Each kind's snapshot list of one cluster. */
export const snapshotEndpoints = {
  flex: (groupId: string, name: string) =>
    v2Endpoint(
      'flex_snapshots',
      MEDIA_TYPES.v20241113,
      `/groups/${segment(groupId)}/flexClusters/${segment(name)}/backup/snapshots`,
    ),
  serverless: (groupId: string, name: string) =>
    v2Endpoint(
      'serverless_snapshots',
      MEDIA_TYPES.v20230101,
      `/groups/${segment(groupId)}/serverless/${segment(name)}/backup/snapshots`,
    ),
  dedicated: (groupId: string, name: string) =>
    v2Endpoint(
      'cluster_snapshots',
      MEDIA_TYPES.v20230101,
      `${dedicatedCluster(groupId, name)}/backup/snapshots`,
    ),
  dedicatedSharded: (groupId: string, name: string) =>
    v2Endpoint(
      'sharded_cluster_snapshots',
      MEDIA_TYPES.v20230101,
      `${dedicatedCluster(groupId, name)}/backup/snapshots/shardedClusters`,
    ),
};
