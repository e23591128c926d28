import { type ClusterInfo, described, lowerCase } from '../cluster.js';
import type { Group } from '../projects/schema.js';
import type { RecheckPolicy } from '../resource.js';
import { normaliseStatus, type Snapshot } from '../snapshot.js';
import type { FlexCluster, FlexSnapshot } from './schema.js';

/** Flex takes one snapshot a day (Atlas docs, "Flex Cluster Backups"). */
export const FLEX_INTERVAL_SECONDS = 86_400;

/**
 * A Flex list changes only with its daily snapshot: no on-demand snapshots, no policy, expiry a
 * fixed 8 days after the scheduled time (the expiry rule reads it then). That snapshot starts
 * 5–46 s after its scheduled time, a day after the last, and is listed finished ~80 s later
 * (recorded), so one read 3 minutes after the day is up finds it finished, or unfinished or
 * missing, which keeps the list read on every refresh until it is. A day, not the hourly
 * recheck, bounds what nothing predicts (a snapshot deleted, the time moved): the daily read
 * comes sooner anyway while the cluster is healthy.
 */
export const FLEX_RECHECK: RecheckPolicy = {
  safetyIntervalMs: (recheckIntervalMs) => Math.max(recheckIntervalMs, FLEX_INTERVAL_SECONDS * 1000),
  leadSeconds: -180,
};

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
