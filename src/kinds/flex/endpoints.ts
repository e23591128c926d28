import { MEDIA_TYPES, segment, v2Endpoint } from '../../atlas/endpoints.js';

export const flexEndpoints = {
  clusters: (groupId: string) =>
    v2Endpoint('flex_clusters', MEDIA_TYPES.v20241113, `/groups/${segment(groupId)}/flexClusters`),
};
