import { PanelBuilder as BarGauge } from '@grafana/grafana-foundation-sdk/bargauge';
import { BarGaugeDisplayMode } from '@grafana/grafana-foundation-sdk/common';
import { PanelBuilder as Stat } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as Table } from '@grafana/grafana-foundation-sdk/table';
import { SCHEDULE_FAMILY } from '../../../src/collectors/schedule/collector.js';
import { SNAPSHOT_FAMILY } from '../../../src/collectors/snapshots/collector.js';
import { DS, LAST, latest, organize, tableQuery } from '../dashboards/common.js';
import { metric } from '../promql.js';
import type { MixinPart } from './part.js';

const backup = (selector: string) => (name: string) => metric(name, selector);

function overview(selector: string) {
  const m = backup(selector);
  return [
    new BarGauge()
      .title('Copy regions of the newest snapshot')
      .description(
        'Dedicated replica sets: how many regions the newest completed snapshot was copied to. Copies follow policy items, so 0 can be normal (see the runbook).',
      )
      .datasource(DS)
      .withTarget(latest(m(SNAPSHOT_FAMILY.copyRegions), '{{cluster_name}} ({{cluster_kind}})'))
      .unit('short')
      .reduceOptions(LAST)
      .displayMode(BarGaugeDisplayMode.Basic)
      .height(8)
      .span(8),
    new Table()
      .title('Snapshot copy settings')
      .description('Where each dedicated cluster’s backup schedule copies snapshots to (copySettings).')
      .datasource(DS)
      .withTarget(tableQuery(m(SCHEDULE_FAMILY.copySetting), 'copies'))
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
  ];
}

function cluster(selector: string) {
  const m = backup(selector);
  return [
    new Stat()
      .title('Snapshot copies')
      .description(
        'Dedicated replica sets: regions the schedule copies to, and how many the newest completed snapshot was copied to.',
      )
      .datasource(DS)
      .withTarget(
        latest(
          `count by (cluster_kind) (${m(SCHEDULE_FAMILY.copySetting)})`,
          'copy settings ({{cluster_kind}})',
        ),
      )
      .withTarget(latest(m(SNAPSHOT_FAMILY.copyRegions), 'newest copied to ({{cluster_kind}})'))
      .unit('short')
      .reduceOptions(LAST)
      .height(5)
      .span(6),
  ];
}

/** The dedicated backup schedule's copy settings, and where the newest snapshot was copied. */
export const schedule: MixinPart = { name: 'schedule', overview, cluster };
