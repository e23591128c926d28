import { CORE_FAMILY } from '../../../src/metrics/catalog.js';
import type { Config, Thresholds } from '../config.js';
import { when } from '../dashboards/common.js';
import { metric, withProjectName } from '../promql.js';
import { type Alert, CLUSTER, type MixinPart } from './part.js';

const CLUSTER_EVENTS = CORE_FAMILY.lastEvent;
const PROJECT_EVENTS = CORE_FAMILY.projectLastEvent;
const ofTypes = (types: readonly string[]) => `event_type=~"${types.join('|')}"`;

/** The backup-event conditions; per-cluster series have the per-cluster labels, project ones group_id. */
export function eventQueries(selector: string, t: Thresholds) {
  /** the newest event of these types per cluster, whatever the type */
  const cluster = (...types: string[]) =>
    `max without(event_type) (${metric(CLUSTER_EVENTS, selector, ofTypes(types))})`;
  /** `failed` newer than `closed`, or `failed` with nothing that closes it */
  const open = (failed: string, closed: string) => `(${failed} > ${closed}\nor ${failed} unless ${closed})`;
  const copyFailed = cluster('CPS_COPY_SNAPSHOT_FAILED', 'CPS_COPY_SNAPSHOT_FAILED_WILL_RETRY');
  const behind = cluster('CPS_OPLOG_BEHIND');
  const deletions = ofTypes(['CPS_SNAPSHOT_DELETED_AUDIT', 'TENANT_SNAPSHOT_DELETED_AUDIT']);
  const deletedByHand = metric(PROJECT_EVENTS, selector, deletions, 'actor=~"api_key|user"');
  const disable = metric(PROJECT_EVENTS, selector, 'event_type="CPS_DATA_PROTECTION_DISABLE_REQUESTED"');
  return {
    copyFailing: open(copyFailed, cluster('CPS_COPY_SNAPSHOT_SUCCESSFUL')),
    // the time since it fell behind, while no caught-up came after
    oplogBehind: `time() - ${open(behind, cluster('CPS_OPLOG_CAUGHT_UP'))} > ${t.oplogBehindSeconds}`,
    // seconds since a person or a key (not retention) deleted a snapshot, by who
    deletedByUser: `time() - max without(event_type) (${deletedByHand}) < ${t.auditWindowSeconds}`,
    disableRequested: `time() - max without(event_type, actor) (${disable}) < ${t.auditWindowSeconds}`,
    cluster,
  };
}

function alerts(c: Config): Alert[] {
  const t = c.thresholds;
  const q = eventQueries(c.alertSelector, t);
  const named = (expr: string) => withProjectName(expr, c.alertSelector);
  const PROJECT = 'project {{ $labels.group_name }}';
  return [
    {
      alert: 'AtlasBackupCopyFailing',
      expr: named(q.copyFailing),
      for: c.for.copyFailing,
      severity: 'warning',
      summary: 'Atlas cannot copy snapshots to another region.',
      description: `The newest copy of a snapshot of ${CLUSTER} to another region failed and none succeeded after it: the disaster-recovery copy is missing.`,
    },
    {
      alert: 'AtlasBackupOplogBehind',
      expr: named(q.oplogBehind),
      for: c.for.oplogBehind,
      severity: 'warning',
      summary: 'Atlas continuous backup is behind: point-in-time restore at risk.',
      description: `Continuous backup of ${CLUSTER} fell behind {{ $value | humanizeDuration }} ago and has not caught up: a point-in-time restore may not reach the last minutes.`,
    },
    {
      alert: 'AtlasBackupSnapshotDeletedByUser',
      expr: named(q.deletedByUser),
      for: c.for.audit,
      severity: 'warning',
      summary: 'An Atlas snapshot was deleted by a person or an API key.',
      description: `A snapshot in ${PROJECT} was deleted by hand (actor {{ $labels.actor }}), not by retention, {{ $value | humanizeDuration }} ago: check it was meant (tampering, ransomware).`,
    },
    {
      alert: 'AtlasBackupCompliancePolicyDisableRequested',
      expr: named(q.disableRequested),
      for: c.for.audit,
      severity: 'critical',
      summary: 'Disabling the Atlas Backup Compliance Policy was requested.',
      description: `Someone asked to disable the Backup Compliance Policy of ${PROJECT} {{ $value | humanizeDuration }} ago: once approved, snapshots can be deleted and retention shortened.`,
    },
  ];
}

function cluster(selector: string, c: Config) {
  const q = eventQueries(selector, c.thresholds);
  return [
    when(
      'Backup events',
      'The newest Cloud Backup events that name the cluster: copies to another region, and continuous backup falling behind and catching up.',
      [q.cluster('CPS_COPY_SNAPSHOT_FAILED', 'CPS_COPY_SNAPSHOT_FAILED_WILL_RETRY'), 'copy failed'],
      [q.cluster('CPS_COPY_SNAPSHOT_SUCCESSFUL'), 'copy succeeded'],
      [q.cluster('CPS_OPLOG_BEHIND'), 'oplog behind'],
      [q.cluster('CPS_OPLOG_CAUGHT_UP'), 'oplog caught up'],
    ),
  ];
}

/** Backup events (project events): copies failing, the oplog behind, snapshots deleted by hand, the compliance policy. */
export const backupEvents: MixinPart = { name: 'backup-events', alerts, cluster };
