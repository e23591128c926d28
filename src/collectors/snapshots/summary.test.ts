import { describe, expect, it } from 'vitest';
import { normaliseStatus, snakeCase } from '../../resources/labels.js';
import { fromCloudSnapshot, parseCloudSnapshot } from './cloud-snapshot.js';
import { fromFlexSnapshot } from './flex-snapshot.js';
import { createSummariser, summarise } from './summary.js';

const day = 86_400;
const iso = (s: number) => new Date(s * 1000).toISOString();

describe('normaliseStatus', () => {
  it.each([
    ['PENDING', 'pending'],
    ['QUEUED', 'queued'],
    ['queued', 'queued'],
    ['inProgress', 'in_progress'],
    ['RUNNING', 'in_progress'],
    ['COMPLETED', 'completed'],
    ['completed', 'completed'],
    ['FAILED', 'failed'],
    ['failed', 'failed'],
  ])('maps %s to %s', (raw, expected) => {
    expect(normaliseStatus(raw)).toBe(expected);
  });

  it('passes values Atlas adds later through in snake_case', () => {
    expect(normaliseStatus('PARTIALLY_EXPIRED')).toBe('partially_expired');
    expect(normaliseStatus('copyingToRegion')).toBe('copying_to_region');
  });

  it('calls a missing status unknown', () => {
    expect(normaliseStatus(undefined)).toBe('unknown');
    expect(normaliseStatus('  ')).toBe('unknown');
  });

  it('snake-cases camel case and separators', () => {
    expect(snakeCase('onDemand')).toBe('on_demand');
    expect(snakeCase('ON-DEMAND')).toBe('on_demand');
  });
});

describe('snapshot normalisation', () => {
  it('takes a Flex snapshot time from startTime, else scheduledTime, as daily scheduled', () => {
    const started = fromFlexSnapshot({
      id: 'a',
      status: 'COMPLETED',
      scheduledTime: 100,
      startTime: 130,
      expiration: 900,
    });
    expect(started).toEqual({
      id: 'a',
      status: 'completed',
      snapshotType: 'scheduled',
      frequency: 'daily',
      time: 130,
      expiresAt: 900,
      storageBytes: undefined,
      mongodbVersion: undefined,
    });
    expect(fromFlexSnapshot({ status: 'PENDING', scheduledTime: 100 }).time).toBe(100);
  });

  it('takes a serverless snapshot time from createdAt, with its type, frequency and size', () => {
    const s = fromCloudSnapshot({
      id: 'b',
      status: 'inProgress',
      createdAt: 200,
      expiresAt: 300,
      frequencyType: 'hourly',
      snapshotType: 'onDemand',
      storageSizeBytes: 42,
      mongodVersion: '7.0.1',
    });
    expect(s).toMatchObject({
      status: 'in_progress',
      snapshotType: 'on_demand',
      frequency: 'hourly',
      time: 200,
    });
    expect(s.storageBytes).toBe(42);
    expect(fromCloudSnapshot({}).frequency).toBe('unknown');
  });
});

describe('summarise', () => {
  const now = 1_800_000_000;
  const flex = [0, 1, 2, 3].map((i) =>
    fromFlexSnapshot({
      id: `s${i}`,
      status: 'COMPLETED',
      startTime: now - (4 - i) * day,
      expiration: now + (4 + i) * day,
    }),
  );

  it('finds the newest and oldest completed snapshot and the earliest expiry', () => {
    const summary = summarise(flex);
    expect(summary).toEqual({
      counts: [{ status: 'completed', snapshotType: 'scheduled', frequency: 'daily', count: 4 }],
      storageBytes: undefined,
      lastCompletedTime: now - day,
      lastCompletedStorageBytes: undefined,
      oldestCompletedTime: now - 4 * day,
      lastFailedTime: undefined,
      oldestUnfinishedTime: undefined,
      nextExpiry: now + 4 * day,
      snapshots: undefined,
    });
  });

  it('does not depend on the order Atlas lists snapshots in', () => {
    expect(summarise([...flex].reverse())).toEqual(summarise(flex));
  });

  it('tracks failed and unfinished snapshots apart from completed ones', () => {
    const summary = summarise([
      ...flex,
      fromFlexSnapshot({ status: 'FAILED', startTime: now - 100 }),
      fromFlexSnapshot({ status: 'FAILED', startTime: now - 5000 }),
      fromFlexSnapshot({ status: 'RUNNING', startTime: now - 3600 }),
      fromFlexSnapshot({ status: 'QUEUED', scheduledTime: now - 60 }),
    ]);
    expect(summary.lastFailedTime).toBe(now - 100);
    expect(summary.oldestUnfinishedTime).toBe(now - 3600);
    expect(summary.lastCompletedTime).toBe(now - day);
    expect(summary.counts).toContainEqual({
      status: 'failed',
      snapshotType: 'scheduled',
      frequency: 'daily',
      count: 2,
    });
    expect(summary.counts).toContainEqual({
      status: 'queued',
      snapshotType: 'scheduled',
      frequency: 'daily',
      count: 1,
    });
  });

  it('sums storage over completed snapshots only and sizes the newest', () => {
    const summary = summarise([
      fromCloudSnapshot({
        status: 'completed',
        createdAt: now - 10,
        storageSizeBytes: 300,
        frequencyType: 'hourly',
      }),
      fromCloudSnapshot({
        status: 'completed',
        createdAt: now - 20,
        storageSizeBytes: 200,
        frequencyType: 'daily',
      }),
      fromCloudSnapshot({
        status: 'failed',
        createdAt: now - 5,
        storageSizeBytes: 999,
        frequencyType: 'hourly',
      }),
    ]);
    expect(summary.storageBytes).toBe(500);
    expect(summary.lastCompletedStorageBytes).toBe(300);
    expect(summary.counts).toHaveLength(3);
  });

  it("counts the newest completed snapshot's copy regions: 0 for an empty list, absent without the field", () => {
    const at = (createdAt: number, copyRegions?: unknown) =>
      fromCloudSnapshot(
        parseCloudSnapshot({ status: 'completed', createdAt: iso(createdAt), copyRegions }) ?? {},
      );
    expect(
      summarise([at(now - 20, ['US_WEST_2', 'EU_WEST_1']), at(now - 10, [])]).lastCompletedCopyRegions,
    ).toBe(0);
    expect(summarise([at(now - 20, []), at(now - 10, ['US_WEST_2'])]).lastCompletedCopyRegions).toBe(1);
    // The sharded-cluster list and serverless have no copyRegions field: nothing to tell.
    expect(summarise([at(now - 10)]).lastCompletedCopyRegions).toBeUndefined();
    expect(summarise([at(now - 10, 'US_WEST_2')]).lastCompletedCopyRegions).toBeUndefined();
  });

  it('leaves a value absent when Atlas did not give it', () => {
    const summary = summarise([fromFlexSnapshot({ status: 'COMPLETED' })]);
    expect(summary.lastCompletedTime).toBeUndefined();
    expect(summary.counts[0]?.count).toBe(1);
  });

  it('keeps every snapshot only when asked to', () => {
    const keeper = createSummariser(true, Number.POSITIVE_INFINITY);
    for (const s of flex) keeper.add(s);
    expect(keeper.result().snapshots?.map((s) => s.id)).toEqual(['s0', 's1', 's2', 's3']);
  });

  it('counts a finished snapshot dated ahead of the clock but ignores its time', () => {
    const nowMs = now * 1000;
    const farAhead = Date.parse('9999-12-31T00:00:00Z') / 1000;
    const at = (status: string, startTime: number) => fromFlexSnapshot({ status, startTime });
    const summary = summarise(
      [...flex, at('COMPLETED', farAhead), at('FAILED', now + 301), at('COMPLETED', now + 300)],
      false,
      nowMs,
    );
    // Five minutes ahead is clock skew, and still a snapshot time.
    expect(summary.lastCompletedTime).toBe(now + 300);
    expect(summary.lastFailedTime).toBeUndefined();
    expect(summary.counts).toContainEqual({
      status: 'completed',
      snapshotType: 'scheduled',
      frequency: 'daily',
      count: 6,
    });
    expect(summary.aheadOfClock).toEqual({ count: 2, latestTime: farAhead });
    // An unfinished snapshot may be scheduled ahead.
    expect(summarise([at('PENDING', now + day)], false, nowMs).aheadOfClock).toBeUndefined();
  });
});
