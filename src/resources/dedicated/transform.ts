import { type ClusterInfo, described, lowerCase } from '../cluster.js';
import type { Group } from '../projects/schema.js';
import type { ScheduleFacts } from './schedule.js';
import type { AtlasCluster } from './schema.js';

/** A dedicated cluster as listed; its interval comes from its schedule (withSchedule). */
export function fromAtlasCluster(group: Group, c: AtlasCluster): ClusterInfo {
  return {
    ...described(group, c, 'dedicated'),
    tier: c.instanceSize ?? '',
    topology: lowerCase(c.clusterType ?? 'REPLICASET'),
    backupEnabled: c.backupEnabled,
    pitEnabled: c.pitEnabled,
    paused: c.paused,
    expectedIntervalSeconds: undefined,
    nextScheduledSnapshot: undefined,
  };
}

/**
 * A dedicated cluster's info with its schedule's facts. Paused clusters and clusters without
 * backup expect no snapshot, whatever an older schedule said, so no overdue alert can fire.
 */
export function withSchedule(info: ClusterInfo, schedule: ScheduleFacts | undefined): ClusterInfo {
  const expects = info.backupEnabled && !info.paused;
  return {
    ...info,
    expectedIntervalSeconds: expects ? schedule?.expectedIntervalSeconds : undefined,
    nextScheduledSnapshot: expects ? schedule?.nextSnapshot : undefined,
  };
}
