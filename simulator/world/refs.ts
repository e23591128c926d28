import type { ClusterRef, SimCluster, SimProject } from './model.js';

/** How the tests find a cluster by its role. */
export function ref(p: SimProject, c: SimCluster): ClusterRef {
  return { groupId: p.id, groupName: p.name, name: c.name, kind: c.kind };
}

/** A cluster of the default scenario by name: the scenario's parts find each other's clusters. */
export function byName<T extends { name: string }>(list: readonly T[], name: string): T {
  const found = list.find((c) => c.name === name);
  if (!found) throw new Error(`scenario: no cluster ${name}`);
  return found;
}
