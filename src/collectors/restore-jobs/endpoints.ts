import { MEDIA_TYPES, segment, v2Endpoint } from '../../atlas/endpoints.js';

/**
 * The restore-job lists (restores.md, posture.md): Flex, dedicated, and the dedicated
 * collection-level one; serverless restore jobs are past their sunset.
 */
export const restoreJobEndpoints = {
  flex: (groupId: string, name: string) =>
    v2Endpoint(
      'flex_restore_jobs',
      MEDIA_TYPES.v20241113,
      `/groups/${segment(groupId)}/flexClusters/${segment(name)}/backup/restoreJobs`,
    ),
  dedicated: (groupId: string, name: string) =>
    v2Endpoint(
      'restore_jobs',
      MEDIA_TYPES.v20230101,
      `/groups/${segment(groupId)}/clusters/${segment(name)}/backup/restoreJobs`,
    ),
  collections: (groupId: string, name: string) =>
    v2Endpoint(
      'collection_restore_jobs',
      MEDIA_TYPES.v20250312,
      `/groups/${segment(groupId)}/clusters/${segment(name)}/collectionRestoreJobs`,
    ),
};
