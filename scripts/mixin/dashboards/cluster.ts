import { CORE_FAMILY } from '../../../src/metrics/catalog.js';
import { config } from '../config.js';
import { MIXIN_PARTS } from '../parts/index.js';
import { dashboard, queryVariable, TARGET } from './common.js';

/** Project and cluster of the chosen exporter; the project shows its name but carries its id. */
function variables() {
  return [
    queryVariable(
      'project',
      'Project',
      `query_result(${CORE_FAMILY.projectInfo}{${TARGET}})`,
      // Prometheus sorts labels, so group_id comes right before group_name
      '/group_id="(?<value>[^"]+)",\\s*group_name="(?<text>[^"]*)"/',
    ),
    queryVariable(
      'cluster',
      'Cluster',
      `label_values(${CORE_FAMILY.clusterInfo}{${TARGET},group_id="$project"}, cluster_name)`,
    ),
  ];
}

/** Atlas backups: cluster. One cluster (both kinds when a serverless instance moved to Flex). */
export function cluster() {
  const builder = dashboard(
    config.dashboards.uids.cluster,
    'Atlas backups: cluster',
    'The snapshots of one Atlas cluster over time.',
    'now-7d',
  );
  for (const v of variables()) builder.withVariable(v);
  const selector = `${TARGET},group_id="$project",cluster_name="$cluster"`;
  for (const panel of MIXIN_PARTS.flatMap((part) => part.cluster?.(selector, config) ?? []))
    builder.withPanel(panel);
  return builder;
}
