import { MEDIA_TYPES, v2Endpoint } from '../../atlas/endpoints.js';
import { dedicatedCluster } from '../../kinds/dedicated/endpoints.js';

export const scheduleEndpoint = (groupId: string, name: string) =>
  v2Endpoint('backup_schedule', MEDIA_TYPES.v20240805, `${dedicatedCluster(groupId, name)}/backup/schedule`);
