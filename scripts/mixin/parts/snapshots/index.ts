import { PanelBuilder as Stat } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TimeSeries } from '@grafana/grafana-foundation-sdk/timeseries';
import { SNAPSHOT_FAMILY as S } from '../../../../src/collectors/snapshots/collector.js';
import { CORE_FAMILY as C } from '../../../../src/metrics/catalog.js';
import type { Config } from '../../config.js';
import { byStatus, DS, LAST, latest, OK_MAPPING, series, total, when } from '../../dashboards/common.js';
import { withProjectName } from '../../promql.js';
import { type Alert, CLUSTER, type MixinPart } from '../part.js';
import { backupQueries } from './queries.js';
import { STATUS_MAPPING } from './status.js';
import { clusterTable } from './table.js';

function alerts(c: Config): Alert[] {
  const t = c.thresholds;
  const b = backupQueries(c.alertSelector, t);
  const named = (expr: string) => withProjectName(expr, c.alertSelector);
  const overdue = (factor: number) =>
    `The newest completed snapshot of ${CLUSTER} is {{ $value | printf "%.1f" }} expected intervals old (threshold ${factor}).`;
  return [
    {
      alert: 'AtlasBackupSnapshotOverdue',
      expr: named(b.overdueWarning),
      for: c.for.overdue,
      severity: 'warning',
      summary: 'Atlas backup snapshot overdue.',
      description: overdue(t.overdueWarningFactor),
    },
    {
      alert: 'AtlasBackupSnapshotOverdueCritical',
      expr: named(b.overdueCritical),
      for: c.for.overdue,
      severity: 'critical',
      summary: 'Atlas backup snapshot far overdue.',
      description: overdue(t.overdueCriticalFactor),
    },
    {
      alert: 'AtlasBackupNoCompletedSnapshot',
      expr: named(b.noSnapshot),
      for: c.for.noSnapshot,
      severity: 'critical',
      summary: 'Atlas cluster has never completed a backup snapshot.',
      description: `${CLUSTER} has backups enabled and was created {{ $value | humanizeDuration }} ago, over ${t.firstSnapshotGraceFactor} expected intervals, but has no completed snapshot.`,
    },
    {
      alert: 'AtlasBackupSnapshotFailed',
      expr: named(b.failed),
      for: c.for.failed,
      severity: 'warning',
      summary: 'Atlas backup snapshot failed.',
      description: `The newest snapshot of ${CLUSTER} failed and no completed snapshot came after it.`,
    },
    {
      alert: 'AtlasBackupSnapshotStuck',
      expr: named(b.stuck),
      for: c.for.stuck,
      severity: 'warning',
      summary: 'Atlas backup snapshot unfinished for too long.',
      description: `A snapshot of ${CLUSTER} has been pending, queued or in progress for {{ $value | humanizeDuration }}.`,
    },
    {
      alert: 'AtlasBackupClusterNotCollected',
      expr: named(b.notCollected),
      for: c.for.notCollected,
      severity: 'warning',
      summary: 'Atlas backup exporter cannot read a cluster.',
      description: `The snapshots of ${CLUSTER} were last read {{ $value | humanizeDuration }} ago; its backup values are stale.`,
    },
  ];
}

/** The fleet at a glance: clusters in each bad state, then every cluster worst first. */
function overview(selector: string, c: Config) {
  const b = backupQueries(selector, c.thresholds);
  return [
    total('Failed', `(${b.failed})`, 'Clusters whose newest snapshot failed after the newest completed one.'),
    total('Overdue', b.overdueWarning, 'Clusters whose newest completed snapshot is overdue.'),
    total('Stuck', b.stuck, 'Clusters with a snapshot unfinished for too long.'),
    total('No snapshot', b.noSnapshot, 'Clusters past their grace period without a completed snapshot.'),
    total('Not collected', `${b.m(C.collectSuccess)} == 0`, 'Clusters whose snapshots could not be read.'),
    clusterTable(b),
  ];
}

function cluster(selector: string, c: Config) {
  const t = c.thresholds;
  const b = backupQueries(selector, t);
  return [
    new Stat()
      .title('Backup status')
      .datasource(DS)
      .withTarget(latest(b.status, '{{cluster_kind}}'))
      .unit('none')
      .mappings(STATUS_MAPPING)
      .reduceOptions(LAST)
      .height(5)
      .span(6),
    new Stat()
      .title('Last collection')
      .description(
        'Whether the last refresh read this cluster’s snapshots; on failure the values shown are the last good ones.',
      )
      .datasource(DS)
      .withTarget(latest(b.m(C.collectSuccess), '{{cluster_kind}}'))
      .unit('none')
      .mappings(OK_MAPPING('failed'))
      .reduceOptions(LAST)
      .height(5)
      .span(6),
    when(
      'Next expiry and next snapshot',
      'When Atlas deletes the oldest snapshot it keeps, and (dedicated) when its schedule takes the next one.',
      [b.m(S.nextExpiry), 'expiry ({{cluster_kind}})'],
      [b.m(C.nextScheduledSnapshot), 'next snapshot ({{cluster_kind}})'],
    ),
    when(
      'Failed and unfinished',
      'The newest failed snapshot, and the oldest one pending, queued or in progress.',
      [b.m(S.lastFailed), 'failed ({{cluster_kind}})'],
      [b.m(S.oldestUnfinished), 'unfinished since ({{cluster_kind}})'],
    ),
    byStatus(
      'Snapshots by status',
      'Snapshots Atlas lists for the cluster, by status.',
      `sum by (cluster_kind, status) (${b.m(S.snapshots)})`,
      '{{status}} ({{cluster_kind}})',
    ),
    new TimeSeries()
      .title('Newest completed snapshot age')
      .description('Against the expected interval at the alert thresholds.')
      .datasource(DS)
      .withTarget(series(b.age, 'age ({{cluster_kind}})'))
      .withTarget(series(b.interval, 'expected interval ({{cluster_kind}})'))
      .withTarget(series(`${t.overdueWarningFactor} * ${b.interval}`, `overdue, warning ({{cluster_kind}})`))
      .withTarget(
        series(`${t.overdueCriticalFactor} * ${b.interval}`, `overdue, critical ({{cluster_kind}})`),
      )
      .unit('s')
      .height(8)
      .span(12),
    new TimeSeries()
      .title('Storage')
      .description('Atlas reports no snapshot sizes for Flex clusters: empty for them.')
      .datasource(DS)
      .withTarget(series(b.m(S.storage), 'all completed ({{cluster_kind}})'))
      .withTarget(series(b.m(S.lastCompletedStorage), 'newest ({{cluster_kind}})'))
      .unit('bytes')
      .height(8)
      .span(12),
    new TimeSeries()
      .title('Restore window')
      .description('Oldest and newest completed snapshot: what can be restored.')
      .datasource(DS)
      .withTarget(series(`${b.m(S.oldestCompleted)} * 1000`, 'oldest ({{cluster_kind}})'))
      .withTarget(series(`${b.m(S.lastCompleted)} * 1000`, 'newest ({{cluster_kind}})'))
      .unit('dateTimeAsIso')
      .height(8)
      .span(12),
  ];
}

/** Snapshots, every kind: how old the newest completed one is, failures, stuck ones, storage. */
export const snapshots: MixinPart = { name: 'snapshots', alerts, overview, cluster };
