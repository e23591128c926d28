import { type AheadOfClock, isAhead, setAside } from '../../resources/clock-skew.js';
import { labelValue, normaliseStatus, UNFINISHED_STATUSES } from '../../resources/labels.js';
import type { DedicatedRestoreJob, FlexRestoreJob } from './schema.js';

/** A restore job of either API in one shape, with the contract's label values. */
export interface RestoreJob {
  status: string;
  deliveryType: string;
  /** the time the contract gives a job of this status (completed, failed); Atlas's, never ours */
  time: number | undefined;
}

/** Flex: its own status; a completed job's time is when it finished, a failed one's else when it was scheduled. */
export function fromFlexRestoreJob(j: FlexRestoreJob): RestoreJob {
  const status = normaliseStatus(j.status);
  const time =
    status === 'failed' ? (j.restoreFinishedDate ?? j.restoreScheduledDate) : j.restoreFinishedDate;
  return { status, deliveryType: labelValue(j.deliveryType), time };
}

/**
 * Dedicated: the status is derived as the contract says, the flags first (failed, cancelled,
 * expired), then completed when Atlas gives `finishedAt`, else in progress (the Atlas CLI's
 * `restores watch` reads a job as done on the same facts).
 */
export function dedicatedStatus(j: DedicatedRestoreJob): string {
  if (j.failed) return 'failed';
  if (j.cancelled) return 'cancelled';
  if (j.expired) return 'expired';
  return j.finishedAt === undefined ? 'in_progress' : 'completed';
}

export function fromDedicatedRestoreJob(j: DedicatedRestoreJob): RestoreJob {
  return { status: dedicatedStatus(j), deliveryType: labelValue(j.deliveryType), time: j.finishedAt };
}

export interface RestoreJobCount {
  status: string;
  deliveryType: string;
  count: number;
}

/** What the restore-job series need of one cluster's newest page of restore jobs. */
export interface RestoreSummary {
  counts: RestoreJobCount[];
  lastCompletedTime: number | undefined;
  lastFailedTime: number | undefined;
  /** a job is pending, queued or in progress: the list is read again on the next refresh */
  unfinished: boolean;
  /** Atlas's count of the whole list; more than the page holds means older (or newer) jobs went unread */
  totalCount: number | undefined;
  /** finished jobs dated ahead of the clock: counted, their times ignored */
  aheadOfClock?: AheadOfClock;
}

const newer = (a: number | undefined, b: number | undefined) =>
  b === undefined || (a !== undefined && a >= b) ? a : b;

/**
 * Folds restore jobs into a summary; the order Atlas lists them in does not matter. A finished
 * job dated ahead of the clock has no time: taken as one, it would be the newest for ever and
 * hide every later failure from AtlasBackupRestoreFailed (or keep it firing). Without a clock
 * (`nowMs` left out) no time is ahead of it.
 */
export function summariseRestoreJobs(
  jobs: Iterable<RestoreJob>,
  totalCount?: number,
  nowMs = Number.POSITIVE_INFINITY,
): RestoreSummary {
  const counts = new Map<string, RestoreJobCount>();
  let lastCompletedTime: number | undefined;
  let lastFailedTime: number | undefined;
  let unfinished = false;
  let aheadOfClock: AheadOfClock | undefined;
  for (const job of jobs) {
    let j = job;
    const timed = j.status === 'completed' || j.status === 'failed';
    if (timed && j.time !== undefined && isAhead(j.time, nowMs)) {
      aheadOfClock = setAside(aheadOfClock, j.time);
      j = { ...j, time: undefined };
    }
    const key = `${j.status}\u0000${j.deliveryType}`;
    const entry = counts.get(key);
    if (entry) entry.count += 1;
    else counts.set(key, { status: j.status, deliveryType: j.deliveryType, count: 1 });
    if (j.status === 'completed') lastCompletedTime = newer(lastCompletedTime, j.time);
    else if (j.status === 'failed') lastFailedTime = newer(lastFailedTime, j.time);
    else if (UNFINISHED_STATUSES.has(j.status)) unfinished = true;
  }
  return {
    counts: [...counts.values()],
    lastCompletedTime,
    lastFailedTime,
    unfinished,
    totalCount,
    ...(aheadOfClock ? { aheadOfClock } : {}),
  };
}
