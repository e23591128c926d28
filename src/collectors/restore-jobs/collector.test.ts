import { describe, expect, it } from 'vitest';
import type { Reading } from '../collector.js';
import { mustReadRestoreJobs, restoreJobs } from './collector.js';
import { summariseCollectionRestoreJobs, summariseRestoreJobs } from './transform.js';

const HOUR_MS = 3_600_000;
const finished = summariseRestoreJobs([]);
const reading = (facts = finished): Reading<typeof finished> => ({
  facts,
  success: true,
  lastReadMs: 0,
  error: undefined,
});
const samplesOf = (name: string, facts = finished) => {
  const family = restoreJobs.families.find((f) => f.name === `mongodbatlas_backup_${name}`);
  if (!family) throw new Error(`no family ${name}`);
  return 'samples' in family ? [...family.samples(facts)] : family.value(facts);
};

describe('the restore-jobs collector', () => {
  it('reads dedicated clusters at both levels, with one role', () => {
    expect(restoreJobs.endpoints.dedicated).toEqual(['restore_jobs', 'collection_restore_jobs']);
    expect(restoreJobs.endpoints.flex).toEqual(['flex_restore_jobs']);
    expect(restoreJobs.role?.dedicated).toBe('Project Backup Manager');
  });

  it('reads the lists again while a collection-level restore is unfinished, as for a cluster-level one', () => {
    const running = summariseCollectionRestoreJobs([{ state: 'FINALIZING', createdAt: 0 }]);
    const done = summariseCollectionRestoreJobs([{ state: 'SUCCESSFUL', createdAt: 0, finishedAt: 60 }]);
    expect(mustReadRestoreJobs(reading({ ...finished, collections: running }), HOUR_MS / 2, HOUR_MS)).toBe(
      true,
    );
    expect(mustReadRestoreJobs(reading({ ...finished, collections: done }), HOUR_MS / 2, HOUR_MS)).toBe(
      false,
    );
    expect(mustReadRestoreJobs(reading({ ...finished, collections: done }), HOUR_MS, HOUR_MS)).toBe(true);
  });

  it('gives a duration per restore level only where Atlas gives both ends', () => {
    const flex = { ...finished, lastCompletedDuration: 190 };
    expect(samplesOf('last_restore_duration_seconds', flex)).toEqual([[['cluster'], 190]]);
    const collections = summariseCollectionRestoreJobs([
      { state: 'SUCCESSFUL', createdAt: 1000, finishedAt: 1000 + 5 * 3600 },
      { state: 'CANCELED', createdAt: 2000 },
    ]);
    const dedicated = { ...finished, collections };
    expect(samplesOf('last_restore_duration_seconds', dedicated)).toEqual([[['collection'], 5 * 3600]]);
    expect(samplesOf('collection_restore_jobs', dedicated)).toEqual([
      [['successful'], 1],
      [['canceled'], 1],
    ]);
    expect(samplesOf('last_successful_collection_restore_timestamp_seconds', dedicated)).toBe(
      1000 + 5 * 3600,
    );
    expect(samplesOf('last_failed_collection_restore_timestamp_seconds', dedicated)).toBe(2000);
    // Flex has no collection-level restores, and a dedicated cluster-level job no start time
    expect(samplesOf('last_restore_duration_seconds')).toEqual([]);
    expect(samplesOf('collection_restore_jobs')).toEqual([]);
    expect(samplesOf('last_successful_collection_restore_timestamp_seconds')).toBeUndefined();
  });
});
