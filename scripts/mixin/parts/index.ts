import { exporterPart } from './exporter.js';
import { kinds } from './kinds.js';
import type { MixinPart } from './part.js';
import { restoreJobs } from './restore-jobs.js';
import { schedule } from './schedule.js';
import { snapshots } from './snapshots/index.js';

/** Every part of the mixin, in the order its alerts and panels appear: one line per collector. */
export const MIXIN_PARTS: readonly MixinPart[] = [snapshots, kinds, restoreJobs, schedule, exporterPart];
