import { MEDIA_TYPES, segment, v2Endpoint } from '../../atlas/endpoints.js';

/** The two restore-job lists (restores.md); serverless restore jobs are past their sunset. */
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
};
