import { TableSortByFieldStateBuilder } from '@grafana/grafana-foundation-sdk/common';
import { PanelBuilder as Table } from '@grafana/grafana-foundation-sdk/table';
import { DS, OK_MAPPING, organize, tableQuery } from '../dashboards/common.js';
import { metric } from '../promql.js';
import type { MixinPart } from './part.js';

function overview(selector: string) {
  const listed = metric('mongodbatlas_exporter_project_collect_success', selector);
  const project = metric('mongodbatlas_backup_project_info', selector);
  return [
    new Table()
      .title('Collection health by project')
      .description(
        'Whether the exporter could list each project’s clusters of each kind on its last refresh.',
      )
      .datasource(DS)
      .withTarget(tableQuery(`${listed} * on(group_id) group_left(group_name) ${project}`, 'collect'))
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
export const kinds: MixinPart = { name: 'kinds', overview };
