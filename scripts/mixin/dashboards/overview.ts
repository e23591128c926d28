import { PanelBuilder as BarGauge } from '@grafana/grafana-foundation-sdk/bargauge';
import { BarGaugeDisplayMode, TableSortByFieldStateBuilder } from '@grafana/grafana-foundation-sdk/common';
import { PanelBuilder as Stat } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as Table } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as TimeSeries } from '@grafana/grafana-foundation-sdk/timeseries';
import { backupQueries, exporterQueries, restoreQueries } from '../backup-queries.js';
import { config } from '../config.js';
import { clusterTable } from './cluster-table.js';
import {
  DS,
  dashboard,
  LAST,
  latest,
  OK_MAPPING,
  organize,
  series,
  steps,
  TARGET,
  tableQuery,
} from './common.js';

/** A count of clusters in a bad state; 0, not "no data", when there are none. */
function total(title: string, expr: string, description: string) {
  return new Stat()
    .title(title)
    .description(description)
    .datasource(DS)
    .withTarget(latest(`count(${expr}) or vector(0)`, title))
    .unit('short')
    .reduceOptions(LAST)
    .thresholds(steps('green', [1, 'red']))
    .height(4)
    .span(4);
}

/** Atlas backups: overview. The fleet at a glance, worst first. */
export function overview() {
  const b = backupQueries(TARGET, config.thresholds);
  const e = exporterQueries(TARGET, config.thresholds);
  const r = restoreQueries(TARGET, config.thresholds, config.restoreDrill.days);
  const perCluster = '{{cluster_name}} ({{cluster_kind}})';
  return dashboard(
    config.dashboards.uids.overview,
    'Atlas backups: overview',
    'Every Atlas cluster the exporter reads: is its newest completed snapshot recent enough?',
    'now-7d',
  )
    .withPanel(
      new BarGauge()
        .title('Clusters by kind and state')
        .datasource(DS)
        .withTarget(
          latest(`count by (cluster_kind, state) (${b.m('cluster_info')})`, '{{cluster_kind}} {{state}}'),
        )
        .unit('short')
        .reduceOptions(LAST)
        .displayMode(BarGaugeDisplayMode.Basic)
        .height(4)
        .span(4),
    )
    .withPanel(
      total(
        'Failed',
        `(${b.failed})`,
        'Clusters whose newest snapshot failed after the newest completed one.',
      ),
    )
    .withPanel(total('Overdue', b.overdueWarning, 'Clusters whose newest completed snapshot is overdue.'))
    .withPanel(total('Stuck', b.stuck, 'Clusters with a snapshot unfinished for too long.'))
    .withPanel(
      total('No snapshot', b.noSnapshot, 'Clusters past their grace period without a completed snapshot.'),
    )
    .withPanel(
      total('Not collected', `${b.m('collect_success')} == 0`, 'Clusters whose snapshots could not be read.'),
    )
    .withPanel(clusterTable(b))
    .withPanel(
      new Table()
        .title('Collection health by project')
        .description(
          'Whether the exporter could list each project’s clusters of each kind on its last refresh.',
        )
        .datasource(DS)
        .withTarget(
          tableQuery(
            `${e.m('project_collect_success')} * on(group_id) group_left(group_name) ${b.m('project_info')}`,
            'collect',
          ),
        )
        .withTransformation(
          organize(['Time', 'job', 'instance'], { group_name: 'Project', cluster_kind: 'Kind' }),
        )
        .unit('none')
        .mappings(OK_MAPPING('not listed'))
        .sortBy([new TableSortByFieldStateBuilder().displayName('Value').desc(false)])
        .height(8)
        .span(12),
    )
    .withPanel(
      new TimeSeries()
        .title('Restore jobs by status')
        .description(
          'Restore jobs on the newest page Atlas lists for each cluster (--collector.restore-jobs), summed by status.',
        )
        .datasource(DS)
        .withTarget(series(`sum by (status) (${r.m('restore_jobs')})`, '{{status}}'))
        .unit('short')
        .height(8)
        .span(8),
    )
    .withPanel(
      new BarGauge()
        .title('Newest completed restore age')
        .description(
          'Per cluster whose restore jobs are read: how long ago its newest restore completed. A backup is only as good as its last drill.',
        )
        .datasource(DS)
        .withTarget(
          latest(`sort_desc(time() - ${r.m('last_completed_restore_timestamp_seconds')})`, perCluster),
        )
        .unit('s')
        .reduceOptions(LAST)
        .displayMode(BarGaugeDisplayMode.Basic)
        .thresholds(steps('green', [config.restoreDrill.days * 86400, 'orange']))
        .height(8)
        .span(8),
    )
    .withPanel(
      new BarGauge()
        .title('Copy regions of the newest snapshot')
        .description(
          'Dedicated replica sets: how many regions the newest completed snapshot was copied to. Copies follow policy items, so 0 can be normal (see the runbook).',
        )
        .datasource(DS)
        .withTarget(latest(b.m('last_completed_snapshot_copy_regions'), perCluster))
        .unit('short')
        .reduceOptions(LAST)
        .displayMode(BarGaugeDisplayMode.Basic)
        .height(8)
        .span(8),
    )
    .withPanel(
      new Table()
        .title('Snapshot copy settings')
        .description('Where each dedicated cluster’s backup schedule copies snapshots to (copySettings).')
        .datasource(DS)
        .withTarget(tableQuery(b.m('copy_setting_info'), 'copies'))
        .withTransformation(
          organize(['Time', 'job', 'instance', '__name__', 'Value'], {
            group_id: 'Project',
            cluster_name: 'Cluster',
            cluster_kind: 'Kind',
            cloud_provider: 'Provider',
            region_name: 'Region',
            zone_id: 'Zone',
            copy_oplogs: 'Copies oplogs',
          }),
        )
        .unit('none')
        .height(6)
        .span(12),
    )
    .withPanel(
      new Stat()
        .title('Exporter')
        .description('Whether the exporter reached Atlas, and how old the data it serves is.')
        .datasource(DS)
        .withTarget(latest(e.m('up'), 'up', 'up'))
        .withTarget(latest(e.m('data_age_seconds'), 'data age', 'age'))
        .unit('s')
        .reduceOptions(LAST)
        .overrideByQuery('up', [
          { id: 'unit', value: 'none' },
          { id: 'mappings', value: OK_MAPPING('down') },
        ])
        .height(8)
        .span(12),
    );
}
