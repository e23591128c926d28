import { type AheadOfClock, isAhead, setAside } from '../../resources/clock-skew.js';
import { UNFINISHED_STATUSES } from '../../resources/labels.js';
import type { Snapshot } from './snapshot.js';

export interface SnapshotCount {
  status: string;
  snapshotType: string;
  frequency: string;
  count: number;
}

/** What the contract's per-cluster metrics need of a cluster's snapshots; absent = Atlas did not say. */
export interface SnapshotSummary {
  counts: SnapshotCount[];
  storageBytes: number | undefined;
  lastCompletedTime: number | undefined;
  lastCompletedStorageBytes: number | undefined;
  /** how many regions the newest completed snapshot is copied to; undefined when Atlas has no field */
  lastCompletedCopyRegions?: number;
  oldestCompletedTime: number | undefined;
  lastFailedTime: number | undefined;
  oldestUnfinishedTime: number | undefined;
  nextExpiry: number | undefined;
  /** every snapshot, only when per-snapshot series are enabled */
  snapshots: Snapshot[] | undefined;
  /** completed or failed snapshots dated ahead of the clock: counted, their times ignored */
  aheadOfClock?: AheadOfClock;
}

const max = (a: number | undefined, b: number) => (a === undefined || b > a ? b : a);
const min = (a: number | undefined, b: number) => (a === undefined || b < a ? b : a);

/**
 * Folds snapshots into a summary one page at a time, so memory grows with clusters, not with
 * snapshots. Pure apart from its own accumulator.
 */
export function createSummariser(keepSnapshots: boolean, nowMs: number) {
  const counts = new Map<string, SnapshotCount>();
  const snapshots: Snapshot[] | undefined = keepSnapshots ? [] : undefined;
  let storageBytes: number | undefined;
  let lastCompleted: Snapshot | undefined;
  let oldestCompletedTime: number | undefined;
  let lastFailedTime: number | undefined;
  let oldestUnfinishedTime: number | undefined;
  let nextExpiry: number | undefined;
  let aheadOfClock: AheadOfClock | undefined;

  /**
   * A finished snapshot dated ahead of the clock (9999-12-31) has no snapshot time: taken as
   * one, it would be the newest for ever and pin its cluster's age at 0. An unfinished Flex
   * snapshot's scheduled time may rightly lie ahead.
   */
  function timed(s: Snapshot): Snapshot {
    const finished = s.status === 'completed' || s.status === 'failed';
    if (!finished || s.time === undefined || !isAhead(s.time, nowMs)) return s;
    aheadOfClock = setAside(aheadOfClock, s.time);
    return { ...s, time: undefined };
  }

  function add(snapshot: Snapshot): void {
    const s = timed(snapshot);
    const key = `${s.status}\u0000${s.snapshotType}\u0000${s.frequency}`;
    const entry = counts.get(key);
    if (entry) entry.count += 1;
    else
      counts.set(key, { status: s.status, snapshotType: s.snapshotType, frequency: s.frequency, count: 1 });
    snapshots?.push(s);

    if (s.status === 'completed') {
      if (s.storageBytes !== undefined) storageBytes = (storageBytes ?? 0) + s.storageBytes;
      if (s.expiresAt !== undefined) nextExpiry = min(nextExpiry, s.expiresAt);
      if (s.time === undefined) return;
      if (lastCompleted?.time === undefined || s.time > lastCompleted.time) lastCompleted = s;
      oldestCompletedTime = min(oldestCompletedTime, s.time);
    } else if (s.status === 'failed' && s.time !== undefined) {
      lastFailedTime = max(lastFailedTime, s.time);
    } else if (UNFINISHED_STATUSES.has(s.status) && s.time !== undefined) {
      oldestUnfinishedTime = min(oldestUnfinishedTime, s.time);
    }
  }

  function result(): SnapshotSummary {
    return {
      counts: [...counts.values()],
      storageBytes,
      lastCompletedTime: lastCompleted?.time,
      lastCompletedStorageBytes: lastCompleted?.storageBytes,
      ...(lastCompleted?.copyRegions === undefined
        ? {}
        : { lastCompletedCopyRegions: lastCompleted.copyRegions }),
      oldestCompletedTime,
      lastFailedTime,
      oldestUnfinishedTime,
      nextExpiry,
      snapshots,
      ...(aheadOfClock ? { aheadOfClock } : {}),
    };
  }

  return { add, result };
}

/** Convenience for a list already in memory (tests, fixtures); without a clock no time is ahead of it. */
export function summarise(
  snapshots: Iterable<Snapshot>,
  keepSnapshots = false,
  nowMs = Number.POSITIVE_INFINITY,
): SnapshotSummary {
  const summariser = createSummariser(keepSnapshots, nowMs);
  for (const s of snapshots) summariser.add(s);
  return summariser.result();
}
