import type { AtlasClient } from '../../atlas/api.js';
import type { Shard } from '../../config/config.js';
import { listAll } from '../list-all.js';
import { projectsEndpoint } from './endpoints.js';
import { type Group, parseGroup } from './schema.js';
import { ownsProject } from './shard.js';

/**
 * Which projects to read: a fixed list, an organisation's, or every one the credentials see;
 * of those, the ones that hash to this shard.
 */
export interface ProjectScope {
  readonly orgId: string | undefined;
  readonly projectIds: readonly string[];
  readonly shard: Shard;
}

export async function discoverProjects(
  client: AtlasClient,
  scope: ProjectScope,
  signal: AbortSignal,
): Promise<Group[]> {
  const { projectIds } = scope;
  const groups = await listAll(client, projectsEndpoint(scope), parseGroup, signal);
  // Every shard lists all projects and keeps its own: a project's clusters are read by one shard.
  const mine = (id: string) => ownsProject(scope.shard, id);
  if (projectIds.length === 0) return groups.filter((g) => mine(g.id));
  // A fixed list is read whatever the listing says; the listing only supplies names.
  const byId = new Map(groups.map((g) => [g.id, g]));
  return projectIds.filter(mine).map((id) => byId.get(id) ?? { id, name: '', orgId: '', unlisted: true });
}
