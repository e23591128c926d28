import { MEDIA_TYPES, segment, v2Endpoint } from '../../atlas/endpoints.js';

export const projectEndpoints = {
  groups: () => v2Endpoint('groups', MEDIA_TYPES.v20230101, '/groups'),
  orgGroups: (orgId: string) =>
    v2Endpoint('org_groups', MEDIA_TYPES.v20230101, `/orgs/${segment(orgId)}/groups`),
};
