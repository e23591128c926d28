import { describe, expect, it } from 'vitest';
import { parseCollectionRestoreJob, parseDedicatedRestoreJob, parseFlexRestoreJob } from './schema.js';
import {
  dedicatedStatus,
  fromDedicatedRestoreJob,
  fromFlexRestoreJob,
  summariseCollectionRestoreJobs,
  summariseRestoreJobs,
} from './transform.js';

const at = (iso: string) => Date.parse(iso) / 1000;
const flex = (raw: Record<string, unknown>) => fromFlexRestoreJob(parseFlexRestoreJob(raw) ?? {});
const dedicated = (raw: Record<string, unknown>) =>
  fromDedicatedRestoreJob(parseDedicatedRestoreJob({ deliveryType: 'automated', ...raw }) ?? ({} as never));

describe('Flex restore jobs', () => {
  it('takes Atlas status and delivery type in the contract words, times only as Atlas gave them', () => {
    // a recorded shape: expiration is scheduled + 6 h, restoreFinishedDate once completed
    const done = flex({
      id: 'a'.repeat(24),
      status: 'COMPLETED',
      deliveryType: 'RESTORE',
      restoreScheduledDate: '2026-08-10T10:00:00Z',
      restoreFinishedDate: '2026-08-10T10:03:10Z',
      expirationDate: '2026-08-10T16:00:00Z',
    });
    expect(done).toEqual({
      status: 'completed',
      deliveryType: 'restore',
      time: at('2026-08-10T10:03:10Z'),
      start: at('2026-08-10T10:00:00Z'),
    });
    expect(
      flex({ status: 'RUNNING', deliveryType: 'DOWNLOAD', restoreScheduledDate: '2026-08-10T10:00:00Z' }),
    ).toEqual({
      status: 'in_progress',
      deliveryType: 'download',
      time: undefined,
      start: at('2026-08-10T10:00:00Z'),
    });
    // a failed job without a finish is placed at its scheduled time
    expect(flex({ status: 'FAILED', restoreScheduledDate: '2026-08-10T10:00:00Z' }).time).toBe(
      at('2026-08-10T10:00:00Z'),
    );
    // CLOSED (named in the spec's text, not its enum) passes through; a missing status is unknown
    expect(flex({ status: 'CLOSED' }).status).toBe('closed');
    expect(flex({})).toEqual({
      status: 'unknown',
      deliveryType: 'unknown',
      time: undefined,
      start: undefined,
    });
    expect(parseFlexRestoreJob('nope')).toBeUndefined();
  });
});

describe('dedicated restore jobs: no status, no creation time in Atlas', () => {
  it.each([
    [{ failed: true, finishedAt: '2026-08-10T10:00:00Z' }, 'failed'],
    [{ cancelled: true }, 'cancelled'],
    [{ expired: true }, 'expired'],
    [{ failed: true, cancelled: true, expired: true }, 'failed'],
    [{ cancelled: true, expired: true }, 'cancelled'],
    [{ finishedAt: '2026-08-10T10:04:00Z' }, 'completed'],
    [{ expired: true, finishedAt: '2026-08-10T10:04:00Z' }, 'expired'],
    [{}, 'in_progress'],
    // a download waits with its URL and never gets a finishedAt (recorded)
    [{ deliveryType: 'download', deliveryUrl: ['https://x.invalid/a.tar.gz'] }, 'in_progress'],
    [{ finishedAt: 'yesterday' }, 'in_progress'],
  ])('%j is %s', (raw, status) => {
    const job = parseDedicatedRestoreJob({ deliveryType: 'automated', ...raw });
    expect(job && dedicatedStatus(job)).toBe(status);
  });

  it('names pointInTime point_in_time and never invents a time', () => {
    expect(dedicated({ deliveryType: 'pointInTime', pointInTimeUTCSeconds: 1_786_000_000 })).toEqual({
      status: 'in_progress',
      deliveryType: 'point_in_time',
      time: undefined,
      start: undefined,
    });
    // `timestamp` is the restored snapshot's time, not the job's
    expect(dedicated({ failed: true, timestamp: '2026-08-09T00:00:00Z' }).time).toBeUndefined();
  });
});

describe('summariseRestoreJobs', () => {
  it('counts by status and delivery type and keeps the newest times, whatever the order', () => {
    const jobs = [
      dedicated({ finishedAt: '2026-08-01T00:00:00Z' }),
      dedicated({ finishedAt: '2026-08-03T00:00:00Z' }),
      dedicated({ failed: true, finishedAt: '2026-08-02T00:00:00Z' }),
      dedicated({ failed: true }),
      dedicated({ deliveryType: 'download', expired: true }),
    ];
    const summary = summariseRestoreJobs(jobs, 7);
    expect(summary).toEqual({
      counts: [
        { status: 'completed', deliveryType: 'automated', count: 2 },
        { status: 'failed', deliveryType: 'automated', count: 2 },
        { status: 'expired', deliveryType: 'download', count: 1 },
      ],
      lastCompletedTime: at('2026-08-03T00:00:00Z'),
      lastFailedTime: at('2026-08-02T00:00:00Z'),
      // a dedicated job has no start time
      lastCompletedDuration: undefined,
      unfinished: false,
      totalCount: 7,
    });
    expect(summariseRestoreJobs([...jobs].reverse(), 7)).toMatchObject({
      lastCompletedTime: summary.lastCompletedTime,
      lastFailedTime: summary.lastFailedTime,
    });
  });

  it('is unfinished while a job is pending, queued or in progress', () => {
    for (const status of ['PENDING', 'QUEUED', 'RUNNING'])
      expect(summariseRestoreJobs([flex({ status })]).unfinished).toBe(true);
    expect(summariseRestoreJobs([flex({ status: 'CLOSED' }), flex({ status: 'FAILED' })]).unfinished).toBe(
      false,
    );
    expect(summariseRestoreJobs([])).toEqual({
      counts: [],
      lastCompletedTime: undefined,
      lastFailedTime: undefined,
      lastCompletedDuration: undefined,
      unfinished: false,
      totalCount: undefined,
    });
  });

  it('counts a finished job dated ahead of the clock but ignores its time', () => {
    const nowMs = Date.parse('2026-08-10T00:00:00Z');
    const jobs = [
      dedicated({ finishedAt: '2026-08-01T00:00:00Z' }),
      dedicated({ finishedAt: '9999-12-31T00:00:00Z' }),
      dedicated({ failed: true, finishedAt: '2026-08-09T00:00:00Z' }),
      // five minutes ahead is clock skew, and still the job's time
      dedicated({ failed: true, finishedAt: '2026-08-10T00:05:00Z' }),
    ];
    expect(summariseRestoreJobs(jobs, undefined, nowMs)).toMatchObject({
      counts: [
        { status: 'completed', deliveryType: 'automated', count: 2 },
        { status: 'failed', deliveryType: 'automated', count: 2 },
      ],
      lastCompletedTime: at('2026-08-01T00:00:00Z'),
      lastFailedTime: at('2026-08-10T00:05:00Z'),
      aheadOfClock: { count: 1, latestTime: at('9999-12-31T00:00:00Z') },
    });
  });

  it('times the newest completed Flex restore from scheduled to finished, whatever the order', () => {
    const job = (scheduled: string, finished: string, status = 'COMPLETED') =>
      flex({ status, restoreScheduledDate: scheduled, restoreFinishedDate: finished });
    const jobs = [
      job('2026-08-10T10:00:00Z', '2026-08-10T10:03:10Z'),
      // newer, and slower: this one is told
      job('2026-08-11T10:00:00Z', '2026-08-11T15:00:00Z'),
      // a newer failure does not count as a restore that completed
      job('2026-08-12T10:00:00Z', '2026-08-12T10:01:00Z', 'FAILED'),
    ];
    expect(summariseRestoreJobs(jobs).lastCompletedDuration).toBe(5 * 3600);
    expect(summariseRestoreJobs([...jobs].reverse()).lastCompletedDuration).toBe(5 * 3600);
    // the same finish: the slower one, in either order
    const tie = [job('2026-08-11T14:00:00Z', '2026-08-11T15:00:00Z'), ...jobs];
    expect(summariseRestoreJobs(tie).lastCompletedDuration).toBe(5 * 3600);
    expect(summariseRestoreJobs([...tie].reverse()).lastCompletedDuration).toBe(5 * 3600);
    // the newest completed job has no start, or ends before it starts: no duration, not an older one's
    const noStart = flex({ status: 'COMPLETED', restoreFinishedDate: '2026-08-13T00:00:00Z' });
    expect(summariseRestoreJobs([...jobs, noStart]).lastCompletedDuration).toBeUndefined();
    const backwards = job('2026-08-13T10:00:00Z', '2026-08-13T09:00:00Z');
    expect(summariseRestoreJobs([...jobs, backwards]).lastCompletedDuration).toBeUndefined();
  });
});

describe('collection-level restore jobs (2025-03-12)', () => {
  /** The fields of ApiAtlasCollectionRestoreJobResponse, as the spec gives them. */
  const raw = (state: string | undefined, createdAt: string, finishedAt?: string) => ({
    id: 'c'.repeat(24),
    snapshotId: 'd'.repeat(24),
    state,
    createdAt,
    ...(finishedAt ? { finishedAt } : {}),
    collections: [{ sourceNamespace: 'shop.orders', targetNamespace: 'shop.orders_restored' }],
    restoredDocuments: 120_000,
    totalDocuments: 125_000,
    targetClusterName: 'orders-db',
    writeStrategy: 'CREATE_NEW',
    indexStatus: { state: 'SUCCESSFUL', failedCollectionCount: 0 },
  });
  const job = (...args: Parameters<typeof raw>) => parseCollectionRestoreJob(raw(...args)) ?? {};

  it('counts every state in snake case, unknown ones too, and keeps the newest times', () => {
    const jobs = [
      job('SUCCESSFUL', '2026-08-01T10:00:00Z', '2026-08-01T10:20:00Z'),
      job('SUCCESSFUL', '2026-08-03T10:00:00Z', '2026-08-03T17:00:00Z'),
      job('FAILED', '2026-08-02T10:00:00Z', '2026-08-02T11:00:00Z'),
      // canceled before it finished: its creation time stands in
      job('CANCELED', '2026-08-04T10:00:00Z'),
      job('INITIALIZING', '2026-08-05T10:00:00Z'),
      job('IN_PROGRESS', '2026-08-05T09:00:00Z'),
      job('FINALIZING', '2026-08-05T08:00:00Z'),
      job('PARTIALLY_SUCCESSFUL', '2026-08-05T07:00:00Z', '2026-08-05T07:30:00Z'),
      job(undefined, '2026-08-05T06:00:00Z'),
    ];
    const summary = summariseCollectionRestoreJobs(jobs);
    expect(summary).toEqual({
      counts: [
        { state: 'successful', count: 2 },
        { state: 'failed', count: 1 },
        { state: 'canceled', count: 1 },
        { state: 'initializing', count: 1 },
        { state: 'in_progress', count: 1 },
        { state: 'finalizing', count: 1 },
        { state: 'partially_successful', count: 1 },
        { state: 'unknown', count: 1 },
      ],
      lastSuccessfulTime: at('2026-08-03T17:00:00Z'),
      lastFailedTime: at('2026-08-04T10:00:00Z'),
      lastDuration: 7 * 3600,
      unfinished: true,
    });
    expect(summariseCollectionRestoreJobs([...jobs].reverse())).toMatchObject({
      lastSuccessfulTime: summary.lastSuccessfulTime,
      lastFailedTime: summary.lastFailedTime,
      lastDuration: summary.lastDuration,
    });
  });

  it('is finished when every job is, and empty without jobs', () => {
    const done = [job('SUCCESSFUL', '2026-08-01T10:00:00Z', '2026-08-01T10:20:00Z'), job('FAILED', 'x')];
    expect(summariseCollectionRestoreJobs(done)).toMatchObject({ unfinished: false, lastDuration: 1200 });
    // a failure without any time has none
    expect(summariseCollectionRestoreJobs([job('FAILED', 'x')]).lastFailedTime).toBeUndefined();
    expect(summariseCollectionRestoreJobs([])).toEqual({
      counts: [],
      lastSuccessfulTime: undefined,
      lastFailedTime: undefined,
      lastDuration: undefined,
      unfinished: false,
    });
    expect(parseCollectionRestoreJob(['SUCCESSFUL'])).toBeUndefined();
  });
});
