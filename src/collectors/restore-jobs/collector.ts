import type { ClusterKind } from '../../config/kinds.js';
import { backupName, type Samples } from '../../metrics/family.js';
import { aheadInWords } from '../../resources/clock-skew.js';
import { defineCollector, type Reading } from '../collector.js';
import { dedicatedRestoreJobs, flexRestoreJobs, type RestoreJobList } from './reader.js';
import type { RestoreSummary } from './transform.js';

/**
 * The restore jobs of Flex and dedicated clusters with backup, the collection-level ones of
 * dedicated clusters included. Serverless restore jobs are past their sunset and need Project
 * Owner: not read.
 */
const LISTS: Partial<Record<ClusterKind, RestoreJobList>> = {
  flex: flexRestoreJobs,
  dedicated: dedicatedRestoreJobs,
};

/**
 * Whether a cluster's restore lists must be read now: while one of its jobs is unfinished (at
 * either level), after a failed read, or once the recheck interval has passed (`0` reads them on
 * every refresh).
 */
export function mustReadRestoreJobs(
  previous: Reading<RestoreSummary> | undefined,
  nowMs: number,
  recheckIntervalMs: number,
): boolean {
  if (recheckIntervalMs <= 0 || !previous?.success || previous.lastReadMs === undefined) return true;
  if (previous.facts?.unfinished || previous.facts?.collections?.unfinished) return true;
  return nowMs - previous.lastReadMs >= recheckIntervalMs;
}

/**
 * Where Atlas gives both ends: Flex restore jobs (cluster level) and collection-level restores.
 * A dedicated cluster-level job has no start time, so it has no duration.
 */
function restoreDurations(s: RestoreSummary): Samples {
  const levels: [string, number | undefined][] = [
    ['cluster', s.lastCompletedDuration],
    ['collection', s.collections?.lastDuration],
  ];
  return levels.flatMap(([level, seconds]) => (seconds === undefined ? [] : [[[level], seconds] as const]));
}

/** Its family names, exported for the mixin's queries (a rename breaks their build). */
export const RESTORE_JOB_FAMILY = {
  jobs: backupName('restore_jobs'),
  lastCompleted: backupName('last_completed_restore_timestamp_seconds'),
  lastFailed: backupName('last_failed_restore_timestamp_seconds'),
  collectionJobs: backupName('collection_restore_jobs'),
  lastSuccessfulCollection: backupName('last_successful_collection_restore_timestamp_seconds'),
  lastFailedCollection: backupName('last_failed_collection_restore_timestamp_seconds'),
  lastDuration: backupName('last_restore_duration_seconds'),
  success: backupName('restore_collect_success'),
} as const;

export const restoreJobs = defineCollector<RestoreSummary>({
  name: 'restore-jobs',
  flag: {
    name: 'restore-jobs',
    help: 'Export restore-job series, collection-level restores of dedicated clusters included (Flex: Project Read Only; dedicated: Project Backup Manager). A list is read again only while a job is unfinished or after --atlas.snapshot-recheck-interval. On with --demo unless set.',
    default: false,
    onInDemo: true,
  },
  noun: 'restore-job list',
  failure: 'cannot read restore jobs',
  endpoints: { flex: flexRestoreJobs.endpoints, dedicated: dedicatedRestoreJobs.endpoints },
  role: { flex: flexRestoreJobs.role, dedicated: dedicatedRestoreJobs.role },
  // Without backup there is nothing to restore from: never asked.
  applies: (info) => info.backupEnabled,
  mustRead: (before, plan) => mustReadRestoreJobs(before, plan.nowMs, plan.recheckIntervalMs),
  read(info, ctx) {
    const list = LISTS[info.kind];
    if (!list) throw new Error(`${info.kind} clusters have no restore-job list`);
    return list.read(info, ctx);
  },
  implausible: (s) =>
    s.aheadOfClock &&
    aheadInWords(
      'restore job',
      s.aheadOfClock,
      'the newest completed and failed restores come from the others',
    ),
  families: [
    {
      name: RESTORE_JOB_FAMILY.jobs,
      help: 'Number of restore jobs on the newest page Atlas lists (500), by status and delivery type.',
      labels: ['status', 'delivery_type'],
      samples: (s) => s.counts.map((c) => [[c.status, c.deliveryType], c.count]),
    },
    {
      name: RESTORE_JOB_FAMILY.lastCompleted,
      help: 'When the newest completed restore finished.',
      labels: [],
      value: (s) => s.lastCompletedTime,
    },
    {
      name: RESTORE_JOB_FAMILY.lastFailed,
      help: "The newest failed restore's time (Flex: finished, else scheduled; dedicated: finishedAt).",
      labels: [],
      value: (s) => s.lastFailedTime,
    },
    {
      name: RESTORE_JOB_FAMILY.collectionJobs,
      help: 'Number of collection-level restore jobs on the newest page Atlas lists (500), by state; dedicated only.',
      labels: ['state'],
      samples: (s) => (s.collections?.counts ?? []).map((c) => [[c.state], c.count]),
    },
    {
      name: RESTORE_JOB_FAMILY.lastSuccessfulCollection,
      help: 'When the newest successful collection-level restore finished.',
      labels: [],
      value: (s) => s.collections?.lastSuccessfulTime,
    },
    {
      name: RESTORE_JOB_FAMILY.lastFailedCollection,
      help: "The newest failed or canceled collection-level restore's time (finishedAt, else createdAt).",
      labels: [],
      value: (s) => s.collections?.lastFailedTime,
    },
    {
      name: RESTORE_JOB_FAMILY.lastDuration,
      help: 'How long the newest completed restore took (cluster: Flex, scheduled to finished; collection: dedicated collection-level, createdAt to finishedAt).',
      labels: ['restore_level'],
      samples: restoreDurations,
    },
  ],
  success: {
    name: RESTORE_JOB_FAMILY.success,
    help: "1 if this cluster's restore jobs were read on the last attempt; on 0 the values are the last good ones.",
  },
  column: { head: 'Restored', time: (s) => s.lastCompletedTime, notRead: 'restore jobs not read' },
});
