import { createHash } from 'node:crypto';
import type { ClusterInfo } from './cluster.js';
import type { ClusterRecord } from './state.js';
import type { SnapshotSummary } from './summarise.js';

const UNFINISHED = new Set(['pending', 'queued', 'in_progress']);
/** Read a little before a snapshot is due: Atlas lists it from its scheduled time, a bit before it starts. */
const MAX_LEAD_SECONDS = 15 * 60;

function newestSnapshotTime(summary: SnapshotSummary): number | undefined {
  const times = [summary.lastCompletedTime, summary.lastFailedTime].filter((t) => t !== undefined);
  return times.length === 0 ? undefined : Math.max(...times);
}

/** When the next snapshot can first be listed, in Unix seconds; undefined when nothing says. */
export function nextSnapshotDue(info: ClusterInfo, summary: SnapshotSummary): number | undefined {
  const interval = info.expectedIntervalSeconds;
  const newest = newestSnapshotTime(summary);
  const byInterval =
    interval !== undefined && newest !== undefined
      ? newest + interval - Math.min(interval / 10, MAX_LEAD_SECONDS)
      : undefined;
  const scheduled = info.nextScheduledSnapshot;
  if (byInterval === undefined) return scheduled;
  return scheduled === undefined ? byInterval : Math.min(byInterval, scheduled);
}

/**
 * When a cluster's snapshot list, read now, must be read again at the latest. Clusters first read
 * together (all of them at start-up) would otherwise all come due in one refresh, once per
 * interval: a burst the size of a cold refresh against Atlas's rate-limit buckets (1,200 tokens
 * for Flex snapshots). So a cluster's first recheck falls at a fraction of the interval fixed by
 * its key, spreading those bursts evenly over the interval; after that, one interval after each
 * read. No list goes unread for longer than the interval.
 */
export function nextRecheckMs(key: string, nowMs: number, intervalMs: number, firstRead: boolean): number {
  if (!firstRead) return nowMs + intervalMs;
  const fraction = (createHash('sha256').update(key).digest().readUInt32BE(0) + 1) / 2 ** 32;
  return nowMs + Math.ceil(intervalMs * fraction);
}

/**
 * Whether a cluster's snapshot list must be read on this refresh, or can be carried over because
 * nothing in it can have changed (--atlas.snapshot-recheck-interval). It is read when it is new,
 * failed last time, changed its backup settings, has a snapshot unfinished, due, or expiring, has
 * no snapshot at all, or has reached its recheck time (nextRecheckMs).
 */
export function mustReadSnapshots(
  listed: ClusterInfo,
  previous: ClusterRecord | undefined,
  nowMs: number,
  recheckIntervalMs: number,
): boolean {
  if (recheckIntervalMs <= 0 || !previous?.collectSuccess || previous.recheckAtMs === undefined) return true;
  if (nowMs >= previous.recheckAtMs) return true;
  const before = previous.info;
  if (before.backupEnabled !== listed.backupEnabled || before.paused !== listed.paused) return true;
  if (before.topology !== listed.topology) return true;
  const summary = previous.summary;
  if (!summary) return listed.backupEnabled;
  if (summary.counts.length === 0) return true;
  if (summary.counts.some((c) => UNFINISHED.has(c.status))) return true;
  const nowS = nowMs / 1000;
  if (summary.nextExpiry !== undefined && summary.nextExpiry <= nowS) return true;
  // Without an interval or a schedule (paused, no policy) only the recheck interval applies.
  const due = nextSnapshotDue(before, summary);
  return due !== undefined && due <= nowS;
}
