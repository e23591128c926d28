import { TableCellDisplayMode, TableSortByFieldStateBuilder } from '@grafana/grafana-foundation-sdk/common';
import type { DynamicConfigValue } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as Table } from '@grafana/grafana-foundation-sdk/table';
import { SNAPSHOT_FAMILY as S } from '../../../../src/collectors/snapshots/collector.js';
import { CORE_FAMILY as C } from '../../../../src/metrics/catalog.js';
import { config } from '../../config.js';
import { DS, OK_MAPPING, organize, tableQuery } from '../../dashboards/common.js';
import type { backupQueries } from './queries.js';
import { RATIO_STEPS, RATIO_UNIT, STATUS_MAPPING } from './status.js';

interface Column {
  refId: string;
  title: string;
  expr: string;
  unit: string;
  extra?: DynamicConfigValue[];
}

const UNFINISHED = 'status=~"pending|queued|in_progress"';

/** The columns of the cluster table, each an instant query merged on the cluster's labels. */
function columns(b: ReturnType<typeof backupQueries>): Column[] {
  const background = { id: 'custom.cellOptions', value: { type: TableCellDisplayMode.ColorBackground } };
  return [
    {
      refId: 'status',
      title: 'Status',
      expr: b.status,
      unit: 'none',
      extra: [{ id: 'mappings', value: STATUS_MAPPING }, background],
    },
    { refId: 'age', title: 'Newest completed', expr: b.age, unit: 's' },
    {
      refId: 'ratio',
      title: 'Age / interval',
      expr: b.ageRatio,
      unit: RATIO_UNIT,
      extra: [{ id: 'thresholds', value: RATIO_STEPS.build() }, background],
    },
    { refId: 'interval', title: 'Expected interval', expr: b.interval, unit: 's' },
    {
      refId: 'failed',
      title: 'Failed',
      expr: `sum without(status, snapshot_type, frequency) (${b.m(S.snapshots, 'status="failed"')})`,
      unit: 'short',
    },
    {
      refId: 'unfinished',
      title: 'Unfinished',
      expr: `sum without(status, snapshot_type, frequency) (${b.m(S.snapshots, UNFINISHED)})`,
      unit: 'short',
    },
    {
      refId: 'window',
      title: 'Restore window',
      expr: `${b.m(S.lastCompleted)} - ${b.m(S.oldestCompleted)}`,
      unit: 's',
    },
    { refId: 'storage', title: 'Storage', expr: b.m(S.storage), unit: 'bytes' },
    {
      refId: 'collected',
      title: 'Collected',
      expr: b.m(C.collectSuccess),
      unit: 'none',
      extra: [{ id: 'mappings', value: OK_MAPPING('failed') }, background],
    },
  ];
}

// descriptive labels of cluster_info the table leaves out
const HIDDEN = [
  'Time',
  'job',
  'instance',
  '__name__',
  'provider',
  'region',
  'mongodb_version',
  'topology',
  'pit_enabled',
  'paused',
  'Value #info',
];

/** Every cluster, one row each, worst status first; the name links to the cluster dashboard. */
export function clusterTable(b: ReturnType<typeof backupQueries>) {
  const cols = columns(b);
  const link = `/d/${config.dashboards.uids.cluster}?\${datasource:queryparam}&\${job:queryparam}&\${instance:queryparam}&var-project=\${__data.fields.group_id}&var-cluster=\${__value.raw}`;
  const table = new Table()
    .title('Clusters, worst first')
    .description(
      'Status compares the newest completed snapshot with the expected interval, at the alert thresholds. Storage is not reported for Flex.',
    )
    .datasource(DS)
    .withTarget(tableQuery(b.m(C.clusterInfo), 'info'))
    .unit('none')
    .withTransformation({ id: 'merge', options: {} })
    .withTransformation(
      organize(HIDDEN, {
        group_name: 'Project',
        cluster_name: 'Cluster',
        cluster_kind: 'Kind',
        state: 'State',
        tier: 'Tier',
        backup_enabled: 'Backup',
      }),
    )
    .sortBy([new TableSortByFieldStateBuilder().displayName('Status').desc(true)])
    .overrideByName('group_id', [{ id: 'custom.hidden', value: true }])
    .overrideByName('Cluster', [{ id: 'links', value: [{ title: 'Cluster dashboard', url: link }] }])
    .height(12)
    .span(24);
  for (const c of cols) {
    table.withTarget(tableQuery(c.expr, c.refId));
    table.overrideByName(`Value #${c.refId}`, [
      { id: 'displayName', value: c.title },
      { id: 'unit', value: c.unit },
      ...(c.extra ?? []),
    ]);
  }
  return table;
}
