import { describe, expect, it } from 'vitest';
import type { ClusterInfo } from '../../resources/cluster.js';
import { exportNotes } from './collector.js';
import type { ExportSummary } from './transform.js';

const NOW = 1_800_000_000;
const DAY = 86_400;
const MONTH = 31 * DAY;

const summary = (lastSuccessfulTime: number | undefined): ExportSummary => ({
  counts: [],
  lastSuccessfulTime,
  lastFailedTime: undefined,
  unfinished: false,
});

// Only what the note reads; the rest of a ClusterInfo does not matter to it.
const info = (over: Partial<ClusterInfo>) =>
  ({ paused: false, createdAt: NOW - 400 * DAY, exportIntervalSeconds: MONTH, ...over }) as ClusterInfo;

describe('the export-overdue note', () => {
  it('is there once no export succeeded within 1.5 × the auto-export interval, as the alert says', () => {
    expect(exportNotes(summary(NOW - 1.6 * MONTH), info({}), NOW * 1000)).toEqual([
      { text: 'export overdue' },
    ]);
    expect(exportNotes(summary(NOW - 1.4 * MONTH), info({}), NOW * 1000)).toEqual([]);
  });

  it('counts a cluster never exported from its creation, and says nothing without auto-export or while paused', () => {
    expect(exportNotes(summary(undefined), info({}), NOW * 1000)).toEqual([{ text: 'export overdue' }]);
    expect(exportNotes(summary(undefined), info({ createdAt: NOW - 10 * DAY }), NOW * 1000)).toEqual([]);
    expect(exportNotes(summary(undefined), info({ exportIntervalSeconds: undefined }), NOW * 1000)).toEqual(
      [],
    );
    expect(exportNotes(summary(undefined), info({ paused: true }), NOW * 1000)).toEqual([]);
  });
});
