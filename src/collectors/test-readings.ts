import type { Reading } from './collector.js';
import { enabledCollectors } from './collector.js';
import { COLLECTORS } from './index.js';
import { snapshots } from './snapshots/collector.js';
import type { SnapshotSummary } from './snapshots/summary.js';

/** The collectors on without any --collector flag. */
export const DEFAULT_COLLECTORS = enabledCollectors(COLLECTORS, {});

/** A cluster's readings with this snapshot summary read at `lastReadMs` (none: no reading). */
export function snapshotReadings(
  summary: SnapshotSummary | undefined,
  lastReadMs?: number,
  success = true,
): Map<string, Reading<unknown>> {
  if (summary === undefined) return new Map();
  return new Map([[snapshots.name, { facts: summary, success, lastReadMs, error: undefined }]]);
}
