import { MEDIA_TYPES, segment, v2Endpoint } from '../../atlas/endpoints.js';

export const serverlessEndpoints = {
  instances: (groupId: string) =>
    v2Endpoint('serverless_instances', MEDIA_TYPES.v20230101, `/groups/${segment(groupId)}/serverless`),
};
