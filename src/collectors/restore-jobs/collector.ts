import type { ClusterKind } from '../../config/kinds.js';
import { backupName } from '../../metrics/family.js';
import { aheadInWords } from '../../resources/clock-skew.js';
import { defineCollector, type Reading } from '../collector.js';
import { dedicatedRestoreJobs, flexRestoreJobs, type RestoreJobList } from './reader.js';
import type { RestoreSummary } from './transform.js';

/**
 * The restore jobs of Flex and dedicated clusters with backup. Serverless restore jobs are past
 * their sunset and need Project Owner: not read.
 */
const LISTS: Partial<Record<ClusterKind, RestoreJobList>> = {
  flex: flexRestoreJobs,
  dedicated: dedicatedRestoreJobs,
};

/**
 * Whether a cluster's restore list must be read now: while one of its jobs is unfinished, after
 * a failed read, or once the recheck interval has passed (`0` reads it on every refresh).
 */
export function mustReadRestoreJobs(
  previous: Reading<RestoreSummary> | undefined,
  nowMs: number,
  recheckIntervalMs: number,
): boolean {
  if (recheckIntervalMs <= 0 || !previous?.success || previous.lastReadMs === undefined) return true;
  if (previous.facts?.unfinished) return true;
  return nowMs - previous.lastReadMs >= recheckIntervalMs;
}

export const restoreJobs = defineCollector<RestoreSummary>({
  name: 'restore-jobs',
  flag: {
    name: 'restore-jobs',
    help: 'Export restore-job series (Flex: Project Read Only; dedicated: Project Backup Manager). A list is read again only while a job is unfinished or after --atlas.snapshot-recheck-interval. On with --demo unless set.',
    default: false,
    onInDemo: true,
  },
  noun: 'restore-job list',
  failure: 'cannot read restore jobs',
  endpoints: { flex: [flexRestoreJobs.endpoint], dedicated: [dedicatedRestoreJobs.endpoint] },
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
      name: backupName('restore_jobs'),
      help: 'Number of restore jobs on the newest page Atlas lists (500), by status and delivery type.',
      labels: ['status', 'delivery_type'],
      samples: (s) => s.counts.map((c) => [[c.status, c.deliveryType], c.count]),
    },
    {
      name: backupName('last_completed_restore_timestamp_seconds'),
      help: 'When the newest completed restore finished.',
      labels: [],
      value: (s) => s.lastCompletedTime,
    },
    {
      name: backupName('last_failed_restore_timestamp_seconds'),
      help: "The newest failed restore's time (Flex: finished, else scheduled; dedicated: finishedAt).",
      labels: [],
      value: (s) => s.lastFailedTime,
    },
  ],
  success: {
    name: backupName('restore_collect_success'),
    help: "1 if this cluster's restore jobs were read on the last attempt; on 0 the values are the last good ones.",
  },
  column: { head: 'Restored', time: (s) => s.lastCompletedTime, notRead: 'restore jobs not read' },
});
