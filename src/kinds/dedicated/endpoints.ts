import { MEDIA_TYPES, segment, v2Endpoint } from '../../atlas/endpoints.js';

/** `/groups/{groupId}/clusters/{name}`: where a dedicated cluster's per-cluster lists hang. */
export const dedicatedCluster = (groupId: string, name: string) =>
  `/groups/${segment(groupId)}/clusters/${segment(name)}`;

export const dedicatedEndpoints = {
  clusters: (groupId: string) =>
    v2Endpoint('clusters', MEDIA_TYPES.v20240805, `/groups/${segment(groupId)}/clusters`),
};
