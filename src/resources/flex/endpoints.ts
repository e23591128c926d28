import { MEDIA_TYPES, segment, v2Endpoint } from '../../atlas/endpoints.js';

export const flexEndpoints = {
  clusters: (groupId: string) =>
    v2Endpoint('flex_clusters', MEDIA_TYPES.v20241113, `/groups/${segment(groupId)}/flexClusters`),
  snapshots: (groupId: string, name: string) =>
    v2Endpoint(
      'flex_snapshots',
      MEDIA_TYPES.v20241113,
      `/groups/${segment(groupId)}/flexClusters/${segment(name)}/backup/snapshots`,
    ),
};
