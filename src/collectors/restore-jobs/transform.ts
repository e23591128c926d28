import { type AheadOfClock, isAhead, setAside } from '../../resources/clock-skew.js';
import { labelValue, normaliseStatus, UNFINISHED_STATUSES } from '../../resources/labels.js';
import type { CollectionRestoreJob, DedicatedRestoreJob, FlexRestoreJob } from './schema.js';

/** A restore job of either API in one shape, with the contract's label values. */
export interface RestoreJob {
  status: string;
  deliveryType: string;
  /** the time the contract gives a job of this status (completed, failed); Atlas's, never ours */
  time: number | undefined;
  /** when the job started, where Atlas says so (Flex: scheduled); dedicated jobs have none */
  start: number | undefined;
}

/** Flex: its own status; a completed job's time is when it finished, a failed one's else when it was scheduled. */
export function fromFlexRestoreJob(j: FlexRestoreJob): RestoreJob {
  const status = normaliseStatus(j.status);
  const time =
    status === 'failed' ? (j.restoreFinishedDate ?? j.restoreScheduledDate) : j.restoreFinishedDate;
  return { status, deliveryType: labelValue(j.deliveryType), time, start: j.restoreScheduledDate };
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
  return {
    status: dedicatedStatus(j),
    deliveryType: labelValue(j.deliveryType),
    time: j.finishedAt,
    start: undefined,
  };
}

export interface RestoreJobCount {
  status: string;
  deliveryType: string;
  count: number;
}

export interface CollectionRestoreCount {
  state: string;
  count: number;
}

/** What the collection-level restore series need of a dedicated cluster's newest page of them. */
export interface CollectionRestoreSummary {
  counts: CollectionRestoreCount[];
  /** finishedAt of the newest successful one */
  lastSuccessfulTime: number | undefined;
  /** finishedAt, else createdAt, of the newest failed or canceled one */
  lastFailedTime: number | undefined;
  /** createdAt → finishedAt of the newest successful one */
  lastDuration: number | undefined;
  /** one is initializing, in progress or finalizing: the lists are read again on the next refresh */
  unfinished: boolean;
}

/** What the restore-job series need of one cluster's newest page of restore jobs. */
export interface RestoreSummary {
  counts: RestoreJobCount[];
  lastCompletedTime: number | undefined;
  lastFailedTime: number | undefined;
  /** how long the newest completed job took, where Atlas gives its start (Flex) */
  lastCompletedDuration: number | undefined;
  /** a job is pending, queued or in progress: the list is read again on the next refresh */
  unfinished: boolean;
  /** Atlas's count of the whole list; more than the page holds means older (or newer) jobs went unread */
  totalCount: number | undefined;
  /** dedicated clusters: their collection-level restore jobs, read with the cluster-level ones */
  collections?: CollectionRestoreSummary;
  /** finished jobs dated ahead of the clock: counted, their times ignored */
  aheadOfClock?: AheadOfClock;
}

const newer = (a: number | undefined, b: number | undefined) =>
  b === undefined || (a !== undefined && a >= b) ? a : b;

/** The newest completed restore, and how long it took when its start is known. */
interface Completed {
  time: number;
  duration: number | undefined;
}

/**
 * The newer of a completed restore and one that finished at `time`. At the same finish the
 * slower one wins, so the result never depends on the order Atlas lists them in.
 */
function newerCompleted(
  a: Completed | undefined,
  time: number | undefined,
  start: number | undefined,
): Completed | undefined {
  if (time === undefined) return a;
  const b = { time, duration: start !== undefined && start <= time ? time - start : undefined };
  if (a === undefined || b.time > a.time) return b;
  return b.time === a.time && (b.duration ?? -1) > (a.duration ?? -1) ? b : a;
}

/** Counts items by a key; each key's first item makes its entry. */
function tally<T, C extends { count: number }>(
  items: Iterable<T>,
  key: (item: T) => string,
  entry: (item: T) => C,
) {
  const counts = new Map<string, C>();
  for (const item of items) {
    const k = key(item);
    const found = counts.get(k);
    if (found) found.count += 1;
    else counts.set(k, entry(item));
  }
  return [...counts.values()];
}

/**
 * Folds restore jobs into a summary; the order Atlas lists them in does not matter. A finished
 * job dated ahead of the clock has no time: taken as one, it would be the newest for ever and
 * hide every later failure from AtlasBackupRestoreFailed (or keep it firing). Without a clock
 * (`nowMs` left out) no time is ahead of it.
 */
export function summariseRestoreJobs(
  listed: readonly RestoreJob[],
  totalCount?: number,
  nowMs = Number.POSITIVE_INFINITY,
): RestoreSummary {
  let lastCompleted: Completed | undefined;
  let lastFailedTime: number | undefined;
  let unfinished = false;
  let aheadOfClock: AheadOfClock | undefined;
  const jobs: RestoreJob[] = [];
  for (const j of listed) {
    const timed = j.status === 'completed' || j.status === 'failed';
    if (timed && j.time !== undefined && isAhead(j.time, nowMs)) {
      aheadOfClock = setAside(aheadOfClock, j.time);
      jobs.push({ ...j, time: undefined });
    } else jobs.push(j);
  }
  for (const j of jobs) {
    if (j.status === 'completed') lastCompleted = newerCompleted(lastCompleted, j.time, j.start);
    else if (j.status === 'failed') lastFailedTime = newer(lastFailedTime, j.time);
    else if (UNFINISHED_STATUSES.has(j.status)) unfinished = true;
  }
  const counts = tally(
    jobs,
    (j) => `${j.status}\u0000${j.deliveryType}`,
    (j) => ({ status: j.status, deliveryType: j.deliveryType, count: 1 }),
  );
  return {
    counts,
    lastCompletedTime: lastCompleted?.time,
    lastFailedTime,
    lastCompletedDuration: lastCompleted?.duration,
    unfinished,
    totalCount,
    ...(aheadOfClock ? { aheadOfClock } : {}),
  };
}

const COLLECTION_UNFINISHED: ReadonlySet<string> = new Set(['initializing', 'in_progress', 'finalizing']);

/** Folds collection-level restore jobs into a summary; the order Atlas lists them in does not matter. */
export function summariseCollectionRestoreJobs(
  jobs: readonly CollectionRestoreJob[],
): CollectionRestoreSummary {
  let lastSuccessful: Completed | undefined;
  let lastFailedTime: number | undefined;
  let unfinished = false;
  const named = jobs.map((j) => ({ ...j, state: labelValue(j.state) }));
  for (const j of named) {
    if (j.state === 'successful') lastSuccessful = newerCompleted(lastSuccessful, j.finishedAt, j.createdAt);
    else if (j.state === 'failed' || j.state === 'canceled')
      lastFailedTime = newer(lastFailedTime, j.finishedAt ?? j.createdAt);
    else if (COLLECTION_UNFINISHED.has(j.state)) unfinished = true;
  }
  return {
    counts: tally(
      named,
      (j) => j.state,
      (j) => ({ state: j.state, count: 1 }),
    ),
    lastSuccessfulTime: lastSuccessful?.time,
    lastFailedTime,
    lastDuration: lastSuccessful?.duration,
    unfinished,
  };
}
