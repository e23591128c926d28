import { PanelBuilder as BarGauge } from '@grafana/grafana-foundation-sdk/bargauge';
import { BarGaugeDisplayMode } from '@grafana/grafana-foundation-sdk/common';
import { CORE_FAMILY } from '../../../src/metrics/catalog.js';
import { config } from '../config.js';
import { MIXIN_PARTS } from '../parts/index.js';
import { metric } from '../promql.js';
import { DS, dashboard, LAST, latest, TARGET } from './common.js';

/** Atlas backups: overview. The fleet at a glance, worst first: every part's overview panels. */
export function overview() {
  const builder = dashboard(
    config.dashboards.uids.overview,
    'Atlas backups: overview',
    'Every Atlas cluster the exporter reads: is its newest completed snapshot recent enough?',
    'now-7d',
  ).withPanel(
    new BarGauge()
      .title('Clusters by kind and state')
      .datasource(DS)
      .withTarget(
        latest(
          `count by (cluster_kind, state) (${metric(CORE_FAMILY.clusterInfo, TARGET)})`,
          '{{cluster_kind}} {{state}}',
        ),
      )
      .unit('short')
      .reduceOptions(LAST)
      .displayMode(BarGaugeDisplayMode.Basic)
      .height(4)
      .span(4),
  );
  for (const panel of MIXIN_PARTS.flatMap((part) => part.overview?.(TARGET, config) ?? []))
    builder.withPanel(panel);
  return builder;
}
