import { config } from '../../config.js';
import { mapValues, steps } from '../../dashboards/common.js';
import { STATUS } from './queries.js';

const t = config.thresholds;

/** How the status codes of backupQueries().status read and look. */
export const STATUS_MAPPING = mapValues([
  [STATUS.noSnapshot, 'no snapshot', 'dark-red'],
  [STATUS.critical, `overdue > ${t.overdueCriticalFactor}×`, 'red'],
  [STATUS.overdue, `overdue > ${t.overdueWarningFactor}×`, 'orange'],
  [STATUS.awaitingFirst, 'awaiting first', 'blue'],
  [STATUS.fine, 'fine', 'green'],
  [STATUS.notScheduled, 'not scheduled', 'text'],
]);

/** Colours an age / expected interval ratio at the alert thresholds. */
export const RATIO_STEPS = steps(
  'green',
  [t.overdueWarningFactor, 'orange'],
  [t.overdueCriticalFactor, 'red'],
);

/** A unit for ratios: Grafana has none, a custom suffix reads best. */
export const RATIO_UNIT = 'suffix:×';
