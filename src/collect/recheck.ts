import type { ClusterInfo } from '../resources/cluster.js';
import type { RecheckPolicy } from '../resources/resource.js';
import { UNFINISHED_STATUSES } from '../resources/snapshot.js';
import type { SnapshotSummary } from '../resources/summary.js';
import type { ClusterRecord } from './state.js';

/** Read a little before a snapshot is due: Atlas lists it from its scheduled time, a bit before it starts. */
const MAX_LEAD_SECONDS = 15 * 60;

function newestSnapshotTime(summary: SnapshotSummary): number | undefined {
  const times = [summary.lastCompletedTime, summary.lastFailedTime].filter((t) => t !== undefined);
  return times.length === 0 ? undefined : Math.max(...times);
}

/** When the next snapshot can first be listed, in Unix seconds; undefined when nothing says. */
export function nextSnapshotDue(
  info: ClusterInfo,
  summary: SnapshotSummary,
  policy: RecheckPolicy = {},
): number | undefined {
  const interval = info.expectedIntervalSeconds;
  const newest = newestSnapshotTime(summary);
  const byInterval =
    interval !== undefined && newest !== undefined
      ? newest + interval - (policy.leadSeconds ?? Math.min(interval / 10, MAX_LEAD_SECONDS))
      : undefined;
  const scheduled = info.nextScheduledSnapshot;
  if (byInterval === undefined) return scheduled;
  return scheduled === undefined ? byInterval : Math.min(byInterval, scheduled);
}

/**
 * Whether a cluster's snapshot list must be read on this refresh, or can be carried over because
 * nothing in it can have changed (--atlas.snapshot-recheck-interval). It is read when it is new,
 * failed last time, changed its backup settings, has a snapshot unfinished, due, or expiring, has
 * no snapshot at all, or was last read longer ago than the recheck interval (or its kind's own).
 */
export function mustReadSnapshots(
  listed: ClusterInfo,
  previous: ClusterRecord | undefined,
  nowMs: number,
  recheckIntervalMs: number,
  policy: RecheckPolicy = {},
): boolean {
  if (recheckIntervalMs <= 0 || !previous?.collectSuccess || previous.lastReadMs === undefined) return true;
  const safetyMs = policy.safetyIntervalMs?.(recheckIntervalMs) ?? recheckIntervalMs;
  if (nowMs - previous.lastReadMs >= safetyMs) return true;
  const before = previous.info;
  if (before.backupEnabled !== listed.backupEnabled || before.paused !== listed.paused) return true;
  if (before.topology !== listed.topology) return true;
  const summary = previous.summary;
  if (!summary) return listed.backupEnabled;
  if (summary.counts.length === 0) return true;
  if (summary.counts.some((c) => UNFINISHED_STATUSES.has(c.status))) return true;
  const nowS = nowMs / 1000;
  if (summary.nextExpiry !== undefined && summary.nextExpiry <= nowS) return true;
  // Without an interval or a schedule (paused, no policy) only the recheck interval applies.
  const due = nextSnapshotDue(before, summary, policy);
  return due !== undefined && due <= nowS;
}
