import type { Reading } from '../../src/collectors/collector.js';
import { enabledCollectors } from '../../src/collectors/collector.js';
import { COLLECTORS } from '../../src/collectors/index.js';
import { snapshots } from '../../src/collectors/snapshots/collector.js';
import type { SnapshotSummary } from '../../src/collectors/snapshots/summary.js';

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
