import { type ClusterInfo, described, lowerCase } from '../../resources/cluster.js';
import type { Group } from '../../resources/projects/schema.js';
import type { AtlasCluster } from './schema.js';

/** A dedicated cluster as listed; its interval comes from its schedule (withSchedule). */
export function fromAtlasCluster(group: Group, c: AtlasCluster): ClusterInfo {
  return described(group, c, 'dedicated', {
    tier: c.instanceSize ?? '',
    topology: lowerCase(c.clusterType ?? 'REPLICASET'),
    backupEnabled: c.backupEnabled,
    pitEnabled: c.pitEnabled,
    paused: c.paused,
    expectedIntervalSeconds: undefined,
  });
}
