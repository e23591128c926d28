import type { AtlasClient } from '../../atlas/api.js';
import { listAll } from '../resource.js';
import { projectEndpoints } from './endpoints.js';
import { type Group, parseGroup } from './schema.js';

/** Which projects to read: a fixed list, an organisation's, or every one the credentials see. */
export interface ProjectScope {
  readonly orgId: string | undefined;
  readonly projectIds: readonly string[];
}

export async function discoverProjects(
  client: AtlasClient,
  scope: ProjectScope,
  signal: AbortSignal,
): Promise<Group[]> {
  const { orgId, projectIds } = scope;
  const endpoint =
    orgId && projectIds.length === 0 ? projectEndpoints.orgGroups(orgId) : projectEndpoints.groups();
  const groups = await listAll(client, endpoint, parseGroup, signal);
  if (projectIds.length === 0) return groups;
  // A fixed list is read whatever the listing says; the listing only supplies names.
  const byId = new Map(groups.map((g) => [g.id, g]));
  return projectIds.map((id) => byId.get(id) ?? { id, name: '', orgId: '' });
}
