import type { BackupSchedule, CopySetting, PolicyItem } from './schema.js';

const HOUR = 3600;
export const DAY = 24 * HOUR;

/**
 * The period of each policy item type. For weekly, monthly and yearly items `frequencyInterval`
 * names a day of the week, a day of the month or a month: it is not a multiplier. Monthly and
 * yearly take the longest calendar gap, so a cluster is never called overdue early.
 */
const PERIOD_SECONDS: Readonly<Record<string, number>> = {
  daily: DAY,
  weekly: 7 * DAY,
  monthly: 31 * DAY,
  yearly: 366 * DAY,
};

/** Seconds between the snapshots of one policy item; undefined for on-demand and unknown types. */
export function itemPeriodSeconds(item: PolicyItem): number | undefined {
  const type = item.frequencyType.toLowerCase();
  if (type !== 'hourly') return PERIOD_SECONDS[type];
  const every = item.frequencyInterval;
  return every !== undefined && every > 0 ? every * HOUR : undefined;
}

/** The shortest period among a schedule's items; undefined when it has no scheduled item. */
export function expectedIntervalSeconds(schedule: BackupSchedule): number | undefined {
  let shortest: number | undefined;
  for (const item of schedule.policyItems) {
    const period = itemPeriodSeconds(item);
    if (period !== undefined && (shortest === undefined || period < shortest)) shortest = period;
  }
  return shortest;
}

/**
 * How often auto-export should put a snapshot in the bucket: monthly 31 d, yearly 366 d, the
 * longest calendar gap as for snapshots; undefined while auto-export is off.
 */
export function exportIntervalSeconds(schedule: BackupSchedule): number | undefined {
  const frequency = schedule.autoExportFrequency?.toLowerCase();
  return frequency === undefined ? undefined : PERIOD_SECONDS[frequency];
}

/**
 * A retention unit in seconds, each at its longest (a month 31 days, a year 366), as the periods
 * above: a promise is never read as shorter than it is.
 */
const RETENTION_UNIT_SECONDS: Readonly<Record<string, number>> = {
  days: DAY,
  weeks: 7 * DAY,
  months: 31 * DAY,
  years: 366 * DAY,
};

/** The frequencies a policy retains snapshots of (the contract's `frequency` values). */
const RETAINED_FREQUENCIES: ReadonlySet<string> = new Set(['hourly', 'daily', 'weekly', 'monthly', 'yearly']);

/**
 * The longest retention per frequency among a policy's items (a schedule's, a compliance
 * policy's), in seconds; on-demand, unknown frequencies and units, and items without a retention
 * are left out.
 */
export function retentionSeconds(schedule: {
  readonly policyItems: readonly PolicyItem[];
}): Record<string, number> {
  const longest: Record<string, number> = {};
  for (const item of schedule.policyItems) {
    const frequency = item.frequencyType.toLowerCase();
    const unit = RETENTION_UNIT_SECONDS[item.retentionUnit?.toLowerCase() ?? ''];
    if (!RETAINED_FREQUENCIES.has(frequency) || unit === undefined || item.retentionValue === undefined)
      continue;
    longest[frequency] = Math.max(longest[frequency] ?? 0, item.retentionValue * unit);
  }
  return longest;
}

/** What the exporter keeps of a schedule; all absent when the cluster has none. */
export interface ScheduleFacts {
  readonly expectedIntervalSeconds: number | undefined;
  /** the schedule's `nextSnapshot`, Unix seconds */
  readonly nextSnapshot: number | undefined;
  readonly copySettings: readonly CopySetting[];
  readonly exportIntervalSeconds: number | undefined;
  /** per frequency, the longest retention its items promise, in seconds */
  readonly retentionSeconds: Readonly<Record<string, number>>;
  /** `restoreWindowDays` in seconds: configured even while continuous backup is off */
  readonly restoreWindowSeconds: number | undefined;
}

/** A policy rarely changes: it is read at most once an hour per cluster. */
export const SCHEDULE_MAX_AGE_MS = 3_600_000;

export function scheduleFacts(schedule: BackupSchedule | undefined): ScheduleFacts {
  return {
    expectedIntervalSeconds: schedule ? expectedIntervalSeconds(schedule) : undefined,
    nextSnapshot: schedule?.nextSnapshot,
    copySettings: schedule?.copySettings ?? [],
    exportIntervalSeconds: schedule ? exportIntervalSeconds(schedule) : undefined,
    retentionSeconds: schedule ? retentionSeconds(schedule) : {},
    restoreWindowSeconds:
      schedule?.restoreWindowDays === undefined ? undefined : schedule.restoreWindowDays * DAY,
  };
}

/** How long after a cached `nextSnapshot` the schedule is read again (snapshots take minutes). */
export const SCHEDULE_RECHECK_DELAY_MS = 10 * 60_000;

/**
 * Whether a schedule read earlier can be used now. Besides the hour, one early re-read is made
 * shortly after the cached `nextSnapshot` has passed: Atlas has moved it on by then, and the old
 * value would look overdue. A schedule whose `nextSnapshot` stays in the past (the overdue case)
 * is not re-read again before the hour is up.
 */
export function scheduleIsFresh(
  previous: { readonly readMs: number; readonly nextSnapshot: number | undefined } | undefined,
  nowMs: number,
): boolean {
  if (previous === undefined || nowMs - previous.readMs >= SCHEDULE_MAX_AGE_MS) return false;
  if (previous.nextSnapshot === undefined) return true;
  const recheckMs = previous.nextSnapshot * 1000 + SCHEDULE_RECHECK_DELAY_MS;
  return nowMs < recheckMs || previous.readMs >= recheckMs;
}
