import type { ClusterRecord } from '../collect/state.js';
import { snapshotSummary } from '../collectors/snapshots/collector.js';

/**
 * A newest completed snapshot older than this many expected intervals is overdue. The shipped
 * alert AtlasBackupSnapshotOverdue (scripts/mixin/config.ts imports this) and the landing page
 * read this one number, so they never disagree.
 */
export const OVERDUE_FACTOR = 1.5;

/**
 * Auto-export on and no successful export within this many of its intervals: overdue. The alert
 * AtlasBackupExportOverdue and the landing page's note read this one number.
 */
export const EXPORT_OVERDUE_FACTOR = 1.5;

/**
 * The oldest completed snapshot younger than this part of the policy's longest retention, on a
 * cluster older than that retention: history lost. The alert AtlasBackupHistoryShorterThanPolicy
 * and the landing page's note read this one number.
 */
export const HISTORY_SHORT_FRACTION = 0.5;

/** The contract's backup statuses, in the landing page's order: those needing attention first. */
export const BACKUP_STATUSES = [
  'not read',
  'failed',
  'no snapshot',
  'overdue',
  'ok',
  'paused',
  'backup off',
] as const;

export type BackupStatus = (typeof BACKUP_STATUSES)[number];

/** The statuses that ask a person to look; the rest are healthy or deliberately quiet. */
export const NEEDS_ATTENTION: ReadonlySet<BackupStatus> = new Set([
  'not read',
  'failed',
  'no snapshot',
  'overdue',
]);

/** What the status is decided from: exactly what /metrics serves for the cluster. */
export interface StatusFacts {
  /** mongodbatlas_backup_collect_success */
  readonly collectSuccess: boolean;
  /** cluster_info's `paused` and `backup_enabled` */
  readonly paused: boolean;
  readonly backupEnabled: boolean;
  /** Unix seconds: last_completed_snapshot_timestamp_seconds, last_failed_snapshot_timestamp_seconds */
  readonly lastCompletedTime: number | undefined;
  readonly lastFailedTime: number | undefined;
  /** expected_interval_seconds */
  readonly expectedIntervalSeconds: number | undefined;
  /** whether its snapshots were ever read: a `not read` cluster then still has last good values */
  readonly everRead: boolean;
}

/**
 * One status per cluster, by the contract's rules: the first that applies, in this order. A
 * failed snapshot with nothing completed at all counts as failed, as the shipped alert does. Age
 * is measured at `nowSeconds`, as /metrics measures it when rendered.
 */
export function backupStatus(facts: StatusFacts, nowSeconds: number): BackupStatus {
  if (!facts.collectSuccess) return 'not read';
  if (facts.paused) return 'paused';
  if (!facts.backupEnabled) return 'backup off';
  const { lastCompletedTime, lastFailedTime, expectedIntervalSeconds } = facts;
  if (lastFailedTime !== undefined && (lastCompletedTime === undefined || lastFailedTime > lastCompletedTime))
    return 'failed';
  if (lastCompletedTime === undefined) return 'no snapshot';
  if (
    expectedIntervalSeconds !== undefined &&
    nowSeconds - lastCompletedTime > OVERDUE_FACTOR * expectedIntervalSeconds
  )
    return 'overdue';
  return 'ok';
}

/**
 * The status a `not read` cluster's last good values have now: what /metrics still serves for it,
 * and so what the shipped alerts still fire on. Undefined when it is read, or was never read.
 */
export function lastGoodStatus(facts: StatusFacts, nowSeconds: number): BackupStatus | undefined {
  if (facts.collectSuccess || !facts.everRead) return undefined;
  return backupStatus({ ...facts, collectSuccess: true }, nowSeconds);
}

/** The facts of a cluster as the collector keeps it (the last good summary when not read). */
export function statusFacts(record: ClusterRecord): StatusFacts {
  const summary = snapshotSummary(record.readings);
  return {
    collectSuccess: record.collectSuccess,
    paused: record.info.paused,
    backupEnabled: record.info.backupEnabled,
    lastCompletedTime: summary?.lastCompletedTime,
    lastFailedTime: summary?.lastFailedTime,
    expectedIntervalSeconds: record.info.expectedIntervalSeconds,
    everRead: record.lastReadMs !== undefined,
  };
}
