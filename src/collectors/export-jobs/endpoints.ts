import { MEDIA_TYPES, v2Endpoint } from '../../atlas/endpoints.js';
import { dedicatedCluster } from '../../kinds/dedicated/endpoints.js';

/** listGroupClusterBackupExports: a dedicated cluster's export jobs (Project Backup Manager). */
export const exportJobsEndpoint = (groupId: string, name: string) =>
  v2Endpoint('export_jobs', MEDIA_TYPES.v20230101, `${dedicatedCluster(groupId, name)}/backup/exports`);
