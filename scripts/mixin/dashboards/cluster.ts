import { StackingConfigBuilder, StackingMode } from '@grafana/grafana-foundation-sdk/common';
import { PanelBuilder as Stat } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TimeSeries } from '@grafana/grafana-foundation-sdk/timeseries';
import { backupQueries } from '../backup-queries.js';
import { config } from '../config.js';
import { DS, dashboard, LAST, latest, OK_MAPPING, queryVariable, series, TARGET } from './common.js';
import { STATUS_MAPPING } from './status.js';

/** Project and cluster of the chosen exporter; the project shows its name but carries its id. */
function variables() {
  return [
    queryVariable(
      'project',
      'Project',
      `query_result(mongodbatlas_backup_project_info{${TARGET}})`,
      // Prometheus sorts labels, so group_id comes right before group_name
      '/group_id="(?<value>[^"]+)",\\s*group_name="(?<text>[^"]*)"/',
    ),
    queryVariable(
      'cluster',
      'Cluster',
      `label_values(mongodbatlas_backup_cluster_info{${TARGET},group_id="$project"}, cluster_name)`,
    ),
  ];
}

/** A stat of timestamps (Unix seconds) shown relative to now. */
function when(title: string, description: string, ...queries: [string, string][]) {
  const stat = new Stat().title(title).description(description).datasource(DS).unit('dateTimeFromNow');
  for (const [expr, legend] of queries) stat.withTarget(latest(`${expr} * 1000`, legend));
  return stat.reduceOptions(LAST).height(5).span(6);
}

/** Counts by status over time, stacked. */
function byStatus(title: string, description: string, expr: string, legend: string) {
  return new TimeSeries()
    .title(title)
    .description(description)
    .datasource(DS)
    .withTarget(series(expr, legend))
    .unit('short')
    .stacking(new StackingConfigBuilder().mode(StackingMode.Normal))
    .fillOpacity(30)
    .height(8)
    .span(12);
}

/** Atlas backups: cluster. One cluster (both kinds when a serverless instance moved to Flex). */
export function cluster() {
  const t = config.thresholds;
  const b = backupQueries(`${TARGET},group_id="$project",cluster_name="$cluster"`, t);
  const ts = (name: string) => b.m(`${name}_timestamp_seconds`);
  const builder = dashboard(
    config.dashboards.uids.cluster,
    'Atlas backups: cluster',
    'The snapshots of one Atlas cluster over time.',
    'now-7d',
  );
  for (const v of variables()) builder.withVariable(v);
  return builder
    .withPanel(
      new Stat()
        .title('Backup status')
        .datasource(DS)
        .withTarget(latest(b.status, '{{cluster_kind}}'))
        .unit('none')
        .mappings(STATUS_MAPPING)
        .reduceOptions(LAST)
        .height(5)
        .span(6),
    )
    .withPanel(
      new Stat()
        .title('Last collection')
        .description(
          'Whether the last refresh read this cluster’s snapshots; on failure the values shown are the last good ones.',
        )
        .datasource(DS)
        .withTarget(latest(b.m('collect_success'), '{{cluster_kind}}'))
        .unit('none')
        .mappings(OK_MAPPING('failed'))
        .reduceOptions(LAST)
        .height(5)
        .span(6),
    )
    .withPanel(
      when(
        'Next expiry and next snapshot',
        'When Atlas deletes the oldest snapshot it keeps, and (dedicated) when its schedule takes the next one.',
        [ts('next_snapshot_expiry'), 'expiry ({{cluster_kind}})'],
        [ts('next_scheduled_snapshot'), 'next snapshot ({{cluster_kind}})'],
      ),
    )
    .withPanel(
      when(
        'Failed and unfinished',
        'The newest failed snapshot, and the oldest one pending, queued or in progress.',
        [ts('last_failed_snapshot'), 'failed ({{cluster_kind}})'],
        [ts('oldest_unfinished_snapshot'), 'unfinished since ({{cluster_kind}})'],
      ),
    )
    .withPanel(
      byStatus(
        'Snapshots by status',
        'Snapshots Atlas lists for the cluster, by status.',
        `sum by (cluster_kind, status) (${b.m('snapshots')})`,
        '{{status}} ({{cluster_kind}})',
      ),
    )
    .withPanel(
      new TimeSeries()
        .title('Newest completed snapshot age')
        .description('Against the expected interval at the alert thresholds.')
        .datasource(DS)
        .withTarget(series(b.age, 'age ({{cluster_kind}})'))
        .withTarget(series(b.interval, 'expected interval ({{cluster_kind}})'))
        .withTarget(
          series(`${t.overdueWarningFactor} * ${b.interval}`, `overdue, warning ({{cluster_kind}})`),
        )
        .withTarget(
          series(`${t.overdueCriticalFactor} * ${b.interval}`, `overdue, critical ({{cluster_kind}})`),
        )
        .unit('s')
        .height(8)
        .span(12),
    )
    .withPanel(
      new TimeSeries()
        .title('Storage')
        .description('Atlas reports no snapshot sizes for Flex clusters: empty for them.')
        .datasource(DS)
        .withTarget(series(b.m('storage_bytes'), 'all completed ({{cluster_kind}})'))
        .withTarget(series(b.m('last_completed_snapshot_storage_bytes'), 'newest ({{cluster_kind}})'))
        .unit('bytes')
        .height(8)
        .span(12),
    )
    .withPanel(
      byStatus(
        'Restore jobs by status',
        'Restore jobs on the newest page Atlas lists (--collector.restore-jobs).',
        `sum by (cluster_kind, status, delivery_type) (${b.m('restore_jobs')})`,
        '{{status}} {{delivery_type}} ({{cluster_kind}})',
      ),
    )
    .withPanel(
      when(
        'Last restores',
        'When the newest restore completed, and the newest failed one.',
        [ts('last_completed_restore'), 'completed ({{cluster_kind}})'],
        [ts('last_failed_restore'), 'failed ({{cluster_kind}})'],
      ),
    )
    .withPanel(
      new Stat()
        .title('Snapshot copies')
        .description(
          'Dedicated replica sets: regions the schedule copies to, and how many the newest completed snapshot was copied to.',
        )
        .datasource(DS)
        .withTarget(
          latest(`count by (cluster_kind) (${b.m('copy_setting_info')})`, 'copy settings ({{cluster_kind}})'),
        )
        .withTarget(
          latest(b.m('last_completed_snapshot_copy_regions'), 'newest copied to ({{cluster_kind}})'),
        )
        .unit('short')
        .reduceOptions(LAST)
        .height(5)
        .span(6),
    )
    .withPanel(
      new TimeSeries()
        .title('Restore window')
        .description('Oldest and newest completed snapshot: what can be restored.')
        .datasource(DS)
        .withTarget(series(`${ts('oldest_completed_snapshot')} * 1000`, 'oldest ({{cluster_kind}})'))
        .withTarget(series(`${ts('last_completed_snapshot')} * 1000`, 'newest ({{cluster_kind}})'))
        .unit('dateTimeAsIso')
        .height(8)
        .span(12),
    );
}
