import { describe, expect, it } from 'vitest';
import { fromFlexCluster } from '../../kinds/flex/transform.js';
import type { ClusterInfo } from '../../resources/cluster.js';
import { fromFlexSnapshot } from './flex-snapshot.js';
import { FLEX_RECHECK, mustReadSnapshots, nextSnapshotDue, type RecheckPolicy } from './recheck.js';
import { type SnapshotSummary, summarise } from './summary.js';

const HOUR = 3_600_000;
const nowMs = 1_800_000_000_000;
const nowS = nowMs / 1000;
const group = { id: 'a'.repeat(24), name: 'p', orgId: 'b'.repeat(24) };
const info = fromFlexCluster(group, { name: 'orders', groupId: group.id, backupEnabled: true });

/** What the last read of a cluster left: its info then, and its snapshot list's reading. */
interface Before {
  info: ClusterInfo;
  summary: SnapshotSummary;
  collectSuccess: boolean;
  lastReadMs: number;
}

function record(snapshots: Parameters<typeof fromFlexSnapshot>[0][], partial: Partial<Before> = {}): Before {
  return {
    info,
    summary: summarise(snapshots.map(fromFlexSnapshot)),
    collectSuccess: true,
    lastReadMs: nowMs - 10 * 60_000,
    ...partial,
  };
}

/** mustReadSnapshots on a cluster listed as `listed` now, last read as `before` (the default policy unless given). */
function must(
  listed: ClusterInfo,
  before: Before | undefined,
  atMs: number,
  recheckIntervalMs: number,
  policy: RecheckPolicy = {},
): boolean {
  const reading = before && {
    facts: before.summary,
    success: before.collectSuccess,
    lastReadMs: before.lastReadMs,
    error: undefined,
  };
  return mustReadSnapshots(reading, { listed, was: before?.info, nowMs: atMs, recheckIntervalMs }, policy);
}

/** A healthy Flex cluster: its last daily snapshot 6 h ago, the oldest expiring in 2 days. */
const healthy = [
  { status: 'COMPLETED', startTime: nowS - 6 * 3600, expiration: nowS + 8 * 86_400 },
  { status: 'COMPLETED', startTime: nowS - 30 * 3600, expiration: nowS + 2 * 86_400 },
];

describe('mustReadSnapshots', () => {
  it('carries a healthy cluster over until the recheck interval has passed', () => {
    expect(must(info, record(healthy), nowMs, HOUR)).toBe(false);
    expect(must(info, record(healthy, { lastReadMs: nowMs - HOUR }), nowMs, HOUR)).toBe(true);
  });

  it('reads everything with a recheck interval of 0s', () => {
    expect(must(info, record(healthy), nowMs, 0)).toBe(true);
  });

  it('reads a new cluster, one that failed last time, and one without snapshots', () => {
    expect(must(info, undefined, nowMs, HOUR)).toBe(true);
    expect(must(info, record(healthy, { collectSuccess: false }), nowMs, HOUR)).toBe(true);
    expect(must(info, record([]), nowMs, HOUR)).toBe(true);
  });

  it('reads while a snapshot is unfinished', () => {
    const running = [...healthy, { status: 'RUNNING', startTime: nowS - 600 }];
    expect(must(info, record(running), nowMs, HOUR)).toBe(true);
  });

  it('reads once the next snapshot is due, a little before the interval is up', () => {
    const dueSoon = [{ status: 'COMPLETED', startTime: nowS - 86_400 + 10 * 60, expiration: nowS + 86_400 }];
    expect(must(info, record(dueSoon), nowMs, HOUR)).toBe(true);
    const notYet = [{ status: 'COMPLETED', startTime: nowS - 86_400 + 20 * 60, expiration: nowS + 86_400 }];
    expect(must(info, record(notYet), nowMs, HOUR)).toBe(false);
  });

  it('counts a failed snapshot as the newest taken: the next one is due an interval later', () => {
    const failedRecently = [
      { status: 'COMPLETED', startTime: nowS - 2 * 86_400, expiration: nowS + 86_400 },
      { status: 'FAILED', startTime: nowS - 3600 },
    ];
    expect(must(info, record(failedRecently), nowMs, HOUR)).toBe(false);
  });

  it('reads when a completed snapshot has expired', () => {
    const expired = [...healthy, { status: 'COMPLETED', startTime: nowS - 8 * 86_400, expiration: nowS - 1 }];
    expect(must(info, record(expired), nowMs, HOUR)).toBe(true);
  });

  it('reads when the backup settings changed', () => {
    const before = record(healthy, { info: { ...info, backupEnabled: false } });
    expect(must(info, before, nowMs, HOUR)).toBe(true);
  });

  it('takes the schedule’s next snapshot when it comes before the interval', () => {
    const summary = summarise(healthy.map(fromFlexSnapshot));
    expect(nextSnapshotDue({ ...info, nextScheduledSnapshot: nowS + 60 }, summary)).toBe(nowS + 60);
    expect(nextSnapshotDue(info, summary)).toBe(nowS - 6 * 3600 + 86_400 - 15 * 60);
    expect(nextSnapshotDue({ ...info, expectedIntervalSeconds: undefined }, summary)).toBeUndefined();
  });
});

describe('the Flex recheck policy', () => {
  const DAY = 24 * HOUR;

  it('keeps a quiet Flex list a day, not the recheck interval; 0s still reads every refresh', () => {
    const readAgo = (ms: number) => record(healthy, { lastReadMs: nowMs - ms });
    expect(must(info, readAgo(2 * HOUR), nowMs, HOUR, FLEX_RECHECK)).toBe(false);
    expect(must(info, readAgo(DAY - 60_000), nowMs, HOUR, FLEX_RECHECK)).toBe(false);
    expect(must(info, readAgo(DAY), nowMs, HOUR, FLEX_RECHECK)).toBe(true);
    // A recheck interval longer than a day wins.
    expect(must(info, readAgo(DAY), nowMs, 2 * DAY, FLEX_RECHECK)).toBe(false);
    expect(must(info, readAgo(60_000), nowMs, 0, FLEX_RECHECK)).toBe(true);
  });

  it('reads first 3 minutes after the day is up, when the new snapshot is listed finished', () => {
    const summary = summarise(healthy.map(fromFlexSnapshot));
    expect(nextSnapshotDue(info, summary, FLEX_RECHECK)).toBe(nowS - 6 * 3600 + 86_400 + 180);
    const at = (s: number) => [{ status: 'COMPLETED', startTime: nowS - s, expiration: nowS + 86_400 }];
    expect(must(info, record(at(86_400 + 170)), nowMs, HOUR, FLEX_RECHECK)).toBe(false);
    expect(must(info, record(at(86_400 + 180)), nowMs, HOUR, FLEX_RECHECK)).toBe(true);
  });

  it('still reads what can have changed: unfinished, expired, new, failed last time', () => {
    const running = [...healthy, { status: 'QUEUED', scheduledTime: nowS - 60 }];
    expect(must(info, record(running), nowMs, HOUR, FLEX_RECHECK)).toBe(true);
    const expired = [...healthy, { status: 'COMPLETED', startTime: nowS - 8 * 86_400, expiration: nowS - 1 }];
    expect(must(info, record(expired), nowMs, HOUR, FLEX_RECHECK)).toBe(true);
    expect(must(info, undefined, nowMs, HOUR, FLEX_RECHECK)).toBe(true);
    expect(must(info, record(healthy, { collectSuccess: false }), nowMs, HOUR, FLEX_RECHECK)).toBe(true);
  });
});
