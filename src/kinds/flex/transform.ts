import { type ClusterInfo, described, lowerCase } from '../../resources/cluster.js';
import type { Group } from '../../resources/projects/schema.js';
import type { FlexCluster } from './schema.js';

/** Flex takes one snapshot a day (Atlas docs, "Flex Cluster Backups"). */
export const FLEX_INTERVAL_SECONDS = 86_400;

export function fromFlexCluster(group: Group, c: FlexCluster): ClusterInfo {
  return described(group, c, 'flex', {
    tier: 'FLEX',
    topology: lowerCase(c.clusterType ?? 'REPLICASET'),
    backupEnabled: c.backupEnabled,
    pitEnabled: false,
    paused: false,
    expectedIntervalSeconds: FLEX_INTERVAL_SECONDS,
  });
}
