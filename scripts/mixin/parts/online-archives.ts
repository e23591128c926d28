import { PanelBuilder as BarGauge } from '@grafana/grafana-foundation-sdk/bargauge';
import { BarGaugeDisplayMode } from '@grafana/grafana-foundation-sdk/common';
import { ONLINE_ARCHIVE_FAMILY } from '../../../src/collectors/online-archives/collector.js';
import { DELETED } from '../../../src/collectors/online-archives/transform.js';
import type { Config } from '../config.js';
import { byStatus, DS, LAST, latest, steps } from '../dashboards/common.js';
import { metric, withProjectName } from '../promql.js';
import { type Alert, CLUSTER, type MixinPart } from './part.js';

/**
 * Per cluster, its online archives that hold data: every state but deleted (Atlas removes a
 * deleted archive's documents), an unknown state included.
 */
export function archivesOutsideBackups(selector: string): string {
  const held = metric(ONLINE_ARCHIVE_FAMILY.archives, selector, `state!="${DELETED}"`);
  return `sum by (group_id, cluster_name, cluster_kind) (${held}) > 0`;
}

function alerts(c: Config): Alert[] {
  return [
    {
      alert: 'AtlasBackupOnlineArchiveNotInBackups',
      expr: withProjectName(archivesOutsideBackups(c.alertSelector), c.alertSelector),
      for: c.for.onlineArchive,
      severity: 'info',
      summary: 'Atlas cluster holds Online Archive data that its backups do not cover.',
      description: `${CLUSTER} has {{ $value }} online archive(s) that are not deleted; Atlas's cluster backups do not include archived data, so no snapshot can restore it.`,
    },
  ];
}

function overview(selector: string) {
  return [
    new BarGauge()
      .title('Online archives outside backups')
      .description(
        `Per cluster (--collector.online-archives): its online archives that are not deleted. Cluster backups do not include archived data; back it up separately or accept it (runbook: AtlasBackupOnlineArchiveNotInBackups).`,
      )
      .datasource(DS)
      .withTarget(
        latest(`sort_desc(${archivesOutsideBackups(selector)})`, '{{cluster_name}} ({{cluster_kind}})'),
      )
      .unit('short')
      .reduceOptions(LAST)
      .displayMode(BarGaugeDisplayMode.Basic)
      .thresholds(steps('green', [1, 'blue']))
      .height(8)
      .span(8),
  ];
}

function cluster(selector: string) {
  return [
    byStatus(
      'Online archives by state',
      'The cluster’s online archives (--collector.online-archives); all but the deleted ones hold data its backups do not include.',
      `sum by (cluster_kind, state) (${metric(ONLINE_ARCHIVE_FAMILY.archives, selector)})`,
      '{{state}} ({{cluster_kind}})',
    ),
  ];
}

/** Online Archive coverage (--collector.online-archives). */
export const onlineArchivesPart: MixinPart = { name: 'online-archives', alerts, overview, cluster };
