import { describe, expect, it } from 'vitest';
import { parseDedicatedRestoreJob, parseFlexRestoreJob } from './schema.js';
import {
  dedicatedStatus,
  fromDedicatedRestoreJob,
  fromFlexRestoreJob,
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
    expect(done).toEqual({ status: 'completed', deliveryType: 'restore', time: at('2026-08-10T10:03:10Z') });
    expect(
      flex({ status: 'RUNNING', deliveryType: 'DOWNLOAD', restoreScheduledDate: '2026-08-10T10:00:00Z' }),
    ).toEqual({ status: 'in_progress', deliveryType: 'download', time: undefined });
    // a failed job without a finish is placed at its scheduled time
    expect(flex({ status: 'FAILED', restoreScheduledDate: '2026-08-10T10:00:00Z' }).time).toBe(
      at('2026-08-10T10:00:00Z'),
    );
    // CLOSED (named in the spec's text, not its enum) passes through; a missing status is unknown
    expect(flex({ status: 'CLOSED' }).status).toBe('closed');
    expect(flex({})).toEqual({ status: 'unknown', deliveryType: 'unknown', time: undefined });
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
});
