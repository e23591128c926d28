import { PanelBuilder as Table } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as TimeSeries } from '@grafana/grafana-foundation-sdk/timeseries';
import { BILLING_FAMILY } from '../../../src/collectors/billing/collector.js';
import { SCHEDULE_FAMILY } from '../../../src/collectors/schedule/collector.js';
import { SNAPSHOT_FAMILY } from '../../../src/collectors/snapshots/collector.js';
import type { Config } from '../config.js';
import { DS, organize, series, tableQuery } from '../dashboards/common.js';
import { metric, withProjectName } from '../promql.js';
import type { Alert, MixinPart } from './part.js';

const PER_CLUSTER = 'by (group_id, cluster_name)';

/** The cost conditions, per cluster (its components summed): the cost series name no kind. */
export function costQueries(selector: string, c: Config) {
  const m = (name: string, extra = '') => metric(name, selector, extra);
  const daily = `sum ${PER_CLUSTER} (${m(BILLING_FAMILY.daily)})`;
  // The daily gauge moves once a day, so its average over the window is the days' average; the
  // sum of the components' averages is the average of their sum.
  const average = `sum ${PER_CLUSTER} (avg_over_time(${m(BILLING_FAMILY.daily)}[7d]))`;
  const { costJumpFactor, costJumpMinDailyDollars } = c.thresholds;
  const storedGb = `sum ${PER_CLUSTER} (${m(SNAPSHOT_FAMILY.storage)}) / 1e9`;
  // the invoice's days so far: its newest usage day's day of the month (one organisation's)
  const days = `scalar(max(day_of_month(${m(BILLING_FAMILY.usageDay)})))`;
  return {
    daily,
    monthToDate: `sum ${PER_CLUSTER} (${m(BILLING_FAMILY.monthToDate)})`,
    jump: `${daily}\n  > ${costJumpFactor} * ${average}\nand ${daily} > ${costJumpMinDailyDollars}`,
    // the newest day against the month's average day: the jump at once, before Prometheus has history
    againstMonth: `${daily}\n/ (sum ${PER_CLUSTER} (${m(BILLING_FAMILY.monthToDate)}) / ${days})`,
    storedGb,
    // a 30-day month of snapshot storage at the newest day's charge, per GB stored
    perGbMonth: `30 * sum ${PER_CLUSTER} (${m(BILLING_FAMILY.daily, 'component="snapshot_storage"')})\n/ (${storedGb})`,
    retention: `max ${PER_CLUSTER} (${m(SCHEDULE_FAMILY.policyRetention)})`,
    m,
  };
}

function alerts(c: Config): Alert[] {
  const q = costQueries(c.alertSelector, c);
  const { costJumpFactor } = c.thresholds;
  return [
    {
      alert: 'AtlasBackupCostJump',
      expr: withProjectName(q.jump, c.alertSelector),
      for: c.for.costJump,
      severity: 'warning',
      summary: 'Atlas backup cost jumped.',
      description:
        'The backup charges of cluster {{ $labels.cluster_name }} (project {{ $labels.group_name }}) on the ' +
        `pending invoice's newest day, {{ $value | printf "%.2f" }} dollars, are over ${costJumpFactor} × its 7-day average: a longer retention, a new copy region, an export or a download?`,
    },
  ];
}

interface Column {
  refId: string;
  title: string;
  expr: string;
  unit: string;
  decimals?: number;
}

function overview(selector: string, c: Config) {
  const q = costQueries(selector, c);
  const columns: Column[] = [
    { refId: 'month', title: 'Month to date', expr: q.monthToDate, unit: 'currencyUSD', decimals: 2 },
    { refId: 'day', title: 'Newest day', expr: q.daily, unit: 'currencyUSD', decimals: 2 },
    {
      refId: 'against',
      title: 'Newest day / month average',
      expr: q.againstMonth,
      unit: 'none',
      decimals: 2,
    },
    { refId: 'stored', title: 'Snapshots stored (GB)', expr: q.storedGb, unit: 'none', decimals: 0 },
    { refId: 'gb', title: '$ per GB-month', expr: q.perGbMonth, unit: 'currencyUSD', decimals: 3 },
    { refId: 'retention', title: 'Longest retention', expr: q.retention, unit: 's' },
  ];
  const table = new Table()
    .title('Backup cost per cluster')
    .description(
      `From the organisation's pending invoice (--collector.billing), after discounts. "Newest day / month average" shows a jump at once; the alert compares with the 7-day average and fires over ${c.thresholds.costJumpFactor}. "$ per GB-month" is a 30-day month of snapshot storage at the newest day's charge, over the GB stored (storage_bytes, dedicated clusters), beside the policy's longest retention.`,
    )
    .datasource(DS)
    .unit('none')
    .withTransformation({ id: 'merge', options: {} })
    .withTransformation(organize(['Time', 'group_id'], { group_name: 'Project', cluster_name: 'Cluster' }))
    .height(10)
    .span(24);
  for (const col of columns) {
    table.withTarget(tableQuery(withProjectName(col.expr, selector), col.refId));
    table.overrideByName(`Value #${col.refId}`, [
      { id: 'displayName', value: col.title },
      { id: 'unit', value: col.unit },
      ...(col.decimals === undefined ? [] : [{ id: 'decimals', value: col.decimals }]),
    ]);
  }
  return [table];
}

function cluster(selector: string, c: Config) {
  const q = costQueries(selector, c);
  return [
    new TimeSeries()
      .title('Backup cost per day, by component')
      .description(
        "The pending invoice's newest usage day (--collector.billing), after discounts: it moves once a day, a day late.",
      )
      .datasource(DS)
      .withTarget(series(`sum by (component) (${q.m(BILLING_FAMILY.daily)})`, '{{component}}'))
      .unit('currencyUSD')
      .height(8)
      .span(12),
  ];
}

/** Backup cost per cluster (--collector.billing). */
export const billingPart: MixinPart = { name: 'billing', alerts, overview, cluster };
