import { backupEvents } from './backup-events.js';
import { billingPart } from './billing.js';
import { compliancePolicy } from './compliance-policy.js';
import { exporterPart } from './exporter.js';
import { exportsPart } from './exports.js';
import { kinds } from './kinds.js';
import { onlineArchivesPart } from './online-archives.js';
import type { MixinPart } from './part.js';
import { restoreJobs } from './restore-jobs.js';
import { schedule } from './schedule.js';
import { snapshots } from './snapshots/index.js';

/**
 * Every part of the mixin, in the order its alerts and panels appear: one line per collector. A
 * new collector's part is a module beside these (its queries, alert group and panels per
 * dashboard); its thresholds go in config.ts, its promtool cases in alerts/atlas-backup.test.yml
 * and its runbook sections in docs/runbook.md.
 */
export const MIXIN_PARTS: readonly MixinPart[] = [
  snapshots,
  kinds,
  restoreJobs,
  schedule,
  backupEvents,
  compliancePolicy,
  exportsPart,
  onlineArchivesPart,
  billingPart,
  exporterPart,
];
