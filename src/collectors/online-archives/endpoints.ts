import { MEDIA_TYPES, v2Endpoint } from '../../atlas/endpoints.js';
import { dedicatedCluster } from '../../kinds/dedicated/endpoints.js';

/** listGroupClusterOnlineArchives: a dedicated cluster's online archives (Project Read Only). */
export const onlineArchivesEndpoint = (groupId: string, name: string) =>
  v2Endpoint('online_archives', MEDIA_TYPES.v20230101, `${dedicatedCluster(groupId, name)}/onlineArchives`);
