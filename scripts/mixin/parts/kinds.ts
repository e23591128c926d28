import { TableSortByFieldStateBuilder } from '@grafana/grafana-foundation-sdk/common';
import { PanelBuilder as Table } from '@grafana/grafana-foundation-sdk/table';
import { CORE_FAMILY } from '../../../src/metrics/catalog.js';
import type { Config } from '../config.js';
import { DS, OK_MAPPING, organize, tableQuery } from '../dashboards/common.js';
import { metric, withProjectName } from '../promql.js';
import type { Alert, MixinPart } from './part.js';

const listed = (selector: string) => metric(CORE_FAMILY.projectCollectSuccess, selector);

function alerts(c: Config): Alert[] {
  return [
    {
      alert: 'AtlasBackupProjectNotCollected',
      // A project id Atlas does not know has no project_info to take a name from: it still alerts.
      expr: `${withProjectName(`${listed(c.alertSelector)} == 0`, c.alertSelector)}\nor on(group_id, cluster_kind) ${listed(c.alertSelector)} == 0`,
      for: c.for.projectNotCollected,
      severity: 'warning',
      summary: 'Atlas backup exporter cannot list the clusters of a project.',
      description:
        'The {{ $labels.cluster_kind }} clusters of project {{ or $labels.group_name $labels.group_id }} could not be listed: their backups are not monitored.',
    },
  ];
}

function overview(selector: string) {
  const project = metric(CORE_FAMILY.projectInfo, selector);
  return [
    new Table()
      .title('Collection health by project')
      .description(
        'Whether the exporter could list each project’s clusters of each kind on its last refresh.',
      )
      .datasource(DS)
      .withTarget(
        tableQuery(`${listed(selector)} * on(group_id) group_left(group_name) ${project}`, 'collect'),
      )
      .withTransformation(
        organize(['Time', 'job', 'instance'], { group_name: 'Project', cluster_kind: 'Kind' }),
      )
      .unit('none')
      .mappings(OK_MAPPING('not listed'))
      .sortBy([new TableSortByFieldStateBuilder().displayName('Value').desc(false)])
      .height(8)
      .span(12),
  ];
}

/** The cluster kinds (Flex, serverless, dedicated): whether each project's clusters could be listed. */
export const kinds: MixinPart = { name: 'kinds', alerts, overview };
