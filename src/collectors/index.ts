import { billing } from './billing/collector.js';
import type { AnyCollector, AnyOrgCollector, AnyProjectCollector } from './collector.js';
import { compliancePolicy } from './compliance-policy/collector.js';
import { exportBuckets } from './export-buckets/collector.js';
import { exportJobs } from './export-jobs/collector.js';
import { onlineArchives } from './online-archives/collector.js';
import { restoreJobs } from './restore-jobs/collector.js';
import { schedule } from './schedule/collector.js';
import { snapshots } from './snapshots/collector.js';

/**
 * Every collector, in read order (a collector may use what one before it read). A new one is a
 * folder beside this file and one line here; config, the engine, the writer, the landing page
 * and the docs generator loop over this list.
 */
export const COLLECTORS: readonly AnyCollector[] = [
  schedule,
  snapshots,
  restoreJobs,
  exportJobs,
  onlineArchives,
];

/** Every per-project collector, in read order: one line each, as for COLLECTORS. */
export const PROJECT_COLLECTORS: readonly AnyProjectCollector[] = [exportBuckets, compliancePolicy];

/** Every per-organisation collector, in read order: one line each, as for COLLECTORS. */
export const ORG_COLLECTORS: readonly AnyOrgCollector[] = [billing];
