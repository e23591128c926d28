import { MEDIA_TYPES, segment, v2Endpoint } from '../../atlas/endpoints.js';

const cluster = (groupId: string, name: string) => `/groups/${segment(groupId)}/clusters/${segment(name)}`;

export const dedicatedEndpoints = {
  clusters: (groupId: string) =>
    v2Endpoint('clusters', MEDIA_TYPES.v20240805, `/groups/${segment(groupId)}/clusters`),
  snapshots: (groupId: string, name: string) =>
    v2Endpoint('cluster_snapshots', MEDIA_TYPES.v20230101, `${cluster(groupId, name)}/backup/snapshots`),
  shardedSnapshots: (groupId: string, name: string) =>
    v2Endpoint(
      'sharded_cluster_snapshots',
      MEDIA_TYPES.v20230101,
      `${cluster(groupId, name)}/backup/snapshots/shardedClusters`,
    ),
  schedule: (groupId: string, name: string) =>
    v2Endpoint('backup_schedule', MEDIA_TYPES.v20240805, `${cluster(groupId, name)}/backup/schedule`),
};
