import { SNAPSHOT_FAMILY as S } from '../../../../src/collectors/snapshots/collector.js';
import { CORE_FAMILY as C } from '../../../../src/metrics/catalog.js';
import type { Thresholds } from '../../config.js';
import { coded, metric } from '../../promql.js';

/** Codes of the per-cluster backup status, worst highest, so sorting descending puts it first. */
export const STATUS = {
  notScheduled: 0,
  fine: 1,
  awaitingFirst: 2,
  overdue: 3,
  critical: 4,
  noSnapshot: 5,
} as const;

/**
 * The backup conditions, written once and shared by the alerts (selector from the config) and
 * the dashboards (selector `job="$job",instance="$instance"`, plus a cluster for one cluster).
 * Every per-cluster series of one target has the same labels, so plain vector matching pairs them.
 */
export function backupQueries(selector: string, t: Thresholds) {
  const m = (name: string, extra = '') => metric(name, selector, extra);
  const age = m(S.age);
  const interval = m(C.expectedInterval);
  const lastCompleted = m(S.lastCompleted);
  const lastFailed = m(S.lastFailed);
  // age is computed when /metrics is rendered, so it keeps growing while Atlas cannot be read
  const ageRatio = `${age} / ${interval}`;
  const overdue = (factor: number) => `${ageRatio} > ${factor}`;
  // no interval series (paused or backup-disabled dedicated clusters): never overdue
  const awaitingFirst = `${interval} unless ${lastCompleted}`;
  const noSnapshot =
    `time() - ${m(C.clusterCreated)} > ${t.firstSnapshotGraceFactor} * ${interval}` +
    `\nunless ${lastCompleted}` +
    // many-to-many is fine for `and`: it only filters
    `\nand on(group_id, cluster_name, cluster_kind) ${m(C.clusterInfo, 'backup_enabled="true"')}`;
  // every cluster in scope has a collect_success series, with exactly the per-cluster labels
  const clusterBase = m(C.collectSuccess);
  return {
    age,
    interval,
    ageRatio,
    overdueWarning: overdue(t.overdueWarningFactor),
    overdueCritical: overdue(t.overdueCriticalFactor),
    noSnapshot,
    // a failed snapshot newer than the newest completed one, or failures and nothing completed
    failed: `${lastFailed} > ${lastCompleted}\nor (${lastFailed} unless ${lastCompleted})`,
    stuck: `time() - ${m(S.oldestUnfinished)} > ${t.stuckSeconds}`,
    notCollected: `time() - ${m(C.lastCollectSuccess)} > ${t.notCollectedSeconds}`,
    clusterBase,
    status: [
      coded(noSnapshot, STATUS.noSnapshot),
      coded(overdue(t.overdueCriticalFactor), STATUS.critical),
      coded(overdue(t.overdueWarningFactor), STATUS.overdue),
      coded(awaitingFirst, STATUS.awaitingFirst),
      coded(ageRatio, STATUS.fine),
      coded(clusterBase, STATUS.notScheduled),
    ].join('\nor\n'),
    m,
  };
}
