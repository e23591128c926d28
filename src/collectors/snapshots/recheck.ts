import type { ClusterKind } from '../../config/kinds.js';
import { FLEX_INTERVAL_SECONDS } from '../../kinds/flex/transform.js';
import type { ClusterInfo } from '../../resources/cluster.js';
import { UNFINISHED_STATUSES } from '../../resources/labels.js';
import type { Reading, ReadPlan } from '../collector.js';
import type { SnapshotSummary } from './summary.js';

/**
 * When a kind's snapshot list, which nothing says has changed, must be read again; what a kind
 * leaves out follows --atlas.snapshot-recheck-interval and the expected interval.
 */
export interface RecheckPolicy {
  /** the safety recheck for this kind, given --atlas.snapshot-recheck-interval (never 0s: that reads all) */
  readonly safetyIntervalMs?: (recheckIntervalMs: number) => number;
  /** seconds before the next snapshot by the expected interval its list is first read; negative: after */
  readonly leadSeconds?: number;
}

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

/** Each kind's policy where it differs from the defaults. */
export const RECHECK: Partial<Record<ClusterKind, RecheckPolicy>> = { flex: FLEX_RECHECK };

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
  previous: Reading<SnapshotSummary> | undefined,
  plan: ReadPlan,
  policy: RecheckPolicy = RECHECK[plan.listed.kind] ?? {},
): boolean {
  const { listed, was, nowMs, recheckIntervalMs } = plan;
  if (recheckIntervalMs <= 0 || !previous?.success || previous.lastReadMs === undefined || !was) return true;
  const safetyMs = policy.safetyIntervalMs?.(recheckIntervalMs) ?? recheckIntervalMs;
  if (nowMs - previous.lastReadMs >= safetyMs) return true;
  if (was.backupEnabled !== listed.backupEnabled || was.paused !== listed.paused) return true;
  if (was.topology !== listed.topology) return true;
  const summary = previous.facts;
  if (!summary) return listed.backupEnabled;
  if (summary.counts.length === 0) return true;
  if (summary.counts.some((c) => UNFINISHED_STATUSES.has(c.status))) return true;
  const nowS = nowMs / 1000;
  if (summary.nextExpiry !== undefined && summary.nextExpiry <= nowS) return true;
  // Without an interval or a schedule (paused, no policy) only the recheck interval applies.
  const due = nextSnapshotDue(was, summary, policy);
  return due !== undefined && due <= nowS;
}
