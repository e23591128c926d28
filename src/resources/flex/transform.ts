import { type ClusterInfo, described, lowerCase } from '../cluster.js';
import type { Group } from '../projects/schema.js';
import { normaliseStatus, type Snapshot } from '../snapshot.js';
import type { FlexCluster, FlexSnapshot } from './schema.js';

/** Flex takes one snapshot a day (Atlas docs, "Flex Cluster Backups"). */
export const FLEX_INTERVAL_SECONDS = 86_400;

export function fromFlexCluster(group: Group, c: FlexCluster): ClusterInfo {
  return {
    ...described(group, c, 'flex'),
    tier: 'FLEX',
    topology: lowerCase(c.clusterType ?? 'REPLICASET'),
    backupEnabled: c.backupEnabled,
    pitEnabled: false,
    paused: false,
    expectedIntervalSeconds: FLEX_INTERVAL_SECONDS,
    nextScheduledSnapshot: undefined,
  };
}

/** Flex takes only daily scheduled snapshots; its snapshot time is startTime, else scheduledTime. */
export function fromFlexSnapshot(s: FlexSnapshot): Snapshot {
  return {
    id: s.id,
    status: normaliseStatus(s.status),
    snapshotType: 'scheduled',
    frequency: 'daily',
    time: s.startTime ?? s.scheduledTime,
    expiresAt: s.expiration,
    storageBytes: undefined,
    mongodbVersion: s.mongoDBVersion,
  };
}
