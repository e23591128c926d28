import { PanelBuilder as BarGauge } from '@grafana/grafana-foundation-sdk/bargauge';
import { BarGaugeDisplayMode } from '@grafana/grafana-foundation-sdk/common';
import { EXPORT_JOB_FAMILY } from '../../../src/collectors/export-jobs/collector.js';
import { SCHEDULE_FAMILY } from '../../../src/collectors/schedule/collector.js';
import { CORE_FAMILY } from '../../../src/metrics/catalog.js';
import type { Config, Thresholds } from '../config.js';
import { byStatus, DS, LAST, latest, steps, when } from '../dashboards/common.js';
import { metric, withProjectName } from '../promql.js';
import { type Alert, CLUSTER, type MixinPart } from './part.js';

/** The export conditions; every series has the per-cluster labels. */
export function exportQueries(selector: string, t: Thresholds) {
  const m = (name: string, extra = '') => metric(name, selector, extra);
  const CLUSTER_MATCH = 'on(group_id, cluster_name, cluster_kind)';
  const interval = m(SCHEDULE_FAMILY.exportInterval);
  const lastSuccessful = m(EXPORT_JOB_FAMILY.lastSuccessful);
  const lastFailed = m(EXPORT_JOB_FAMILY.lastFailed);
  const f = t.exportOverdueFactor;
  return {
    // The interval is there only while auto-export is on, the export times only with
    // --collector.exports. A cluster never exported counts once it is older than the window;
    // a paused cluster takes no snapshot, so it exports none.
    overdue:
      `(\n  time() - ${lastSuccessful} > ${f} * ${interval}` +
      `\n  or (${m(EXPORT_JOB_FAMILY.success)} == 1) unless ${CLUSTER_MATCH} ${lastSuccessful}` +
      `\n  and ${CLUSTER_MATCH} (time() - ${m(CORE_FAMILY.clusterCreated)} > ${f} * ${interval})` +
      `\n)\nunless ${CLUSTER_MATCH} ${m(CORE_FAMILY.clusterInfo, 'paused="true"')}`,
    // as for snapshots and restores: a failed export newer than the newest successful one, or failures only
    failed: `${lastFailed} > ${lastSuccessful}\nor (${lastFailed} unless ${lastSuccessful})`,
    m,
  };
}

function alerts(c: Config): Alert[] {
  const t = c.thresholds;
  const q = exportQueries(c.alertSelector, t);
  const named = (expr: string) => withProjectName(expr, c.alertSelector);
  return [
    {
      alert: 'AtlasBackupExportOverdue',
      expr: named(q.overdue),
      for: c.for.exportOverdue,
      severity: 'warning',
      summary: 'Atlas snapshot export overdue.',
      description: `Auto-export is on for ${CLUSTER}, but no export succeeded within ${t.exportOverdueFactor} × its interval.`,
    },
    {
      alert: 'AtlasBackupExportFailed',
      expr: named(q.failed),
      for: c.for.exportFailed,
      severity: 'warning',
      summary: 'Atlas snapshot export failed.',
      description: `The newest export of ${CLUSTER} to its bucket failed and no export succeeded after it.`,
    },
  ];
}

function overview(selector: string, c: Config) {
  const q = exportQueries(selector, c.thresholds);
  return [
    new BarGauge()
      .title('Newest successful export, in auto-export intervals')
      .description(
        `Per cluster with auto-export on: the age of its newest successful export (--collector.exports) over its interval (monthly 31 d, yearly 366 d). Over ${c.thresholds.exportOverdueFactor} the export is overdue.`,
      )
      .datasource(DS)
      .withTarget(
        latest(
          `sort_desc((time() - ${q.m(EXPORT_JOB_FAMILY.lastSuccessful)}) / ${q.m(SCHEDULE_FAMILY.exportInterval)})`,
          '{{cluster_name}} ({{cluster_kind}})',
        ),
      )
      .unit('none')
      .decimals(2)
      .reduceOptions(LAST)
      .displayMode(BarGaugeDisplayMode.Basic)
      .thresholds(steps('green', [1, 'orange'], [c.thresholds.exportOverdueFactor, 'red']))
      .height(8)
      .span(8),
  ];
}

function cluster(selector: string, c: Config) {
  const q = exportQueries(selector, c.thresholds);
  return [
    byStatus(
      'Export jobs by state',
      'Export jobs Atlas lists for the cluster (--collector.exports).',
      `sum by (cluster_kind, state) (${q.m(EXPORT_JOB_FAMILY.jobs)})`,
      '{{state}} ({{cluster_kind}})',
    ),
    when(
      'Last exports',
      'When the newest export to object storage succeeded, and the newest failed one.',
      [q.m(EXPORT_JOB_FAMILY.lastSuccessful), 'successful ({{cluster_kind}})'],
      [q.m(EXPORT_JOB_FAMILY.lastFailed), 'failed ({{cluster_kind}})'],
    ),
  ];
}

/** Exports to object storage (--collector.exports, and the schedule's auto-export interval). */
export const exportsPart: MixinPart = { name: 'exports', alerts, overview, cluster };
