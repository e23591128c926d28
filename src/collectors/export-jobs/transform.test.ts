import { describe, expect, it } from 'vitest';
import type { ClusterInfo } from '../../resources/cluster.js';
import type { Reading } from '../collector.js';
import { mustReadExportJobs } from './collector.js';
import { parseExportJob } from './schema.js';
import { type ExportSummary, summariseExportJobs } from './transform.js';

const at = (iso: string) => Date.parse(iso) / 1000;
const DAY = 86_400;

/** DiskBackupExportJob as Atlas lists it (posture.md §3): PascalCase states, finishedAt once ended. */
function job(state: string | undefined, createdAt: string, finishedAt?: string) {
  return parseExportJob({
    id: '6851681ff621274ee5327a0b',
    snapshotId: '68516e86550ad428d0751f81',
    exportBucketId: '32b6e34b3d91647abb20e7b8',
    createdAt,
    ...(finishedAt ? { finishedAt } : {}),
    ...(state ? { state } : {}),
    exportStatus: { exportedCollections: 3, totalCollections: 3 },
    ...(state === 'Failed' ? { stateReason: { errorCode: 'EXPORT_FAILED', message: 'bucket refused' } } : {}),
    components: [],
    links: [],
  });
}

describe('export jobs', () => {
  it('counts by state in snake_case and keeps the newest successful and failed times, whatever the order', () => {
    const jobs = [
      // recorded: Queued → InProgress → Successful in 15 minutes
      job('Successful', '2026-10-01T00:00:00Z', '2026-10-01T00:15:00Z'),
      job('Successful', '2026-11-01T00:00:00Z', '2026-11-01T00:14:00Z'),
      job('Failed', '2026-11-02T00:00:00Z', '2026-11-02T00:05:00Z'),
      job('Failed', '2026-11-03T00:00:00Z'),
      job('Cancelled', '2026-09-01T00:00:00Z', '2026-09-01T00:01:00Z'),
      job('Paused', '2026-09-02T00:00:00Z'),
      job(undefined, '2026-09-03T00:00:00Z'),
    ].flatMap((j) => (j ? [j] : []));
    const summary = summariseExportJobs(jobs);
    expect(summary).toEqual({
      counts: [
        { state: 'successful', count: 2 },
        { state: 'failed', count: 2 },
        { state: 'cancelled', count: 1 },
        { state: 'paused', count: 1 },
        { state: 'unknown', count: 1 },
      ],
      lastSuccessfulTime: at('2026-11-01T00:14:00Z'),
      // a failed job without finishedAt is placed at its creation
      lastFailedTime: at('2026-11-03T00:00:00Z'),
      unfinished: false,
    });
    expect(summariseExportJobs([...jobs].reverse())).toMatchObject({
      lastSuccessfulTime: summary.lastSuccessfulTime,
      lastFailedTime: summary.lastFailedTime,
    });
  });

  it('is unfinished while a job is queued or in progress', () => {
    for (const state of ['Queued', 'InProgress']) {
      const j = job(state, '2026-11-28T11:50:00Z');
      expect(j && summariseExportJobs([j])).toMatchObject({
        counts: [{ state: state === 'Queued' ? 'queued' : 'in_progress', count: 1 }],
        unfinished: true,
      });
    }
    expect(summariseExportJobs([])).toEqual({
      counts: [],
      lastSuccessfulTime: undefined,
      lastFailedTime: undefined,
      unfinished: false,
    });
    expect(parseExportJob('nope')).toBeUndefined();
    expect(parseExportJob({ state: 42, finishedAt: 'soon' })).toEqual({});
  });
});

describe('when export jobs are read again', () => {
  const NOW = Date.parse('2026-11-28T12:00:00Z');
  const HOUR_MS = 3_600_000;
  const listed = { exportIntervalSeconds: 31 * DAY } as ClusterInfo;
  const plan = { listed, was: listed, nowMs: NOW, recheckIntervalMs: HOUR_MS };
  const reading = (
    facts: Partial<ExportSummary>,
    lastReadMs = NOW - 10 * 60_000,
  ): Reading<ExportSummary> => ({
    facts: {
      counts: [],
      lastSuccessfulTime: undefined,
      lastFailedTime: undefined,
      unfinished: false,
      ...facts,
    },
    success: true,
    lastReadMs,
    error: undefined,
  });

  it('reads a new, failed or unfinished list, and any after the recheck interval', () => {
    expect(mustReadExportJobs(undefined, plan)).toBe(true);
    expect(mustReadExportJobs({ ...reading({}), success: false }, plan)).toBe(true);
    expect(mustReadExportJobs(reading({ unfinished: true }), plan)).toBe(true);
    expect(mustReadExportJobs(reading({}), plan)).toBe(false);
    expect(mustReadExportJobs(reading({}, NOW - HOUR_MS), plan)).toBe(true);
    expect(mustReadExportJobs(reading({}), { ...plan, recheckIntervalMs: 0 })).toBe(true);
  });

  it('reads once after an auto-export falls due, not again while it stays overdue', () => {
    const lastExport = NOW / 1000 - 31 * DAY + 5 * 60;
    // due in 5 minutes: not yet
    expect(mustReadExportJobs(reading({ lastSuccessfulTime: lastExport }), plan)).toBe(false);
    // due 5 minutes ago, last read before that: read
    const due = reading({ lastSuccessfulTime: lastExport - 10 * 60 }, NOW - 20 * 60_000);
    expect(mustReadExportJobs(due, plan)).toBe(true);
    // read after it fell due and still no new export: overdue, left to the recheck interval
    expect(mustReadExportJobs({ ...due, lastReadMs: NOW - 60_000 }, plan)).toBe(false);
    // without auto-export nothing is due
    const off = { ...plan, listed: { ...listed, exportIntervalSeconds: undefined } };
    expect(mustReadExportJobs(due, off)).toBe(false);
  });
});
