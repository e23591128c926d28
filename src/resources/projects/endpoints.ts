import { MEDIA_TYPES, segment, v2Endpoint } from '../../atlas/endpoints.js';

export const projectEndpoints = {
  groups: () => v2Endpoint('groups', MEDIA_TYPES.v20230101, '/groups'),
  orgGroups: (orgId: string) =>
    v2Endpoint('org_groups', MEDIA_TYPES.v20230101, `/orgs/${segment(orgId)}/groups`),
};

/** Where the projects come from: the organisation's list, unless a fixed list is given. */
export function projectsEndpoint(scope: { orgId: string | undefined; projectIds: readonly string[] }) {
  const { orgId, projectIds } = scope;
  return orgId && projectIds.length === 0 ? projectEndpoints.orgGroups(orgId) : projectEndpoints.groups();
}
