import { PanelBuilder as BarGauge } from '@grafana/grafana-foundation-sdk/bargauge';
import { BarGaugeDisplayMode } from '@grafana/grafana-foundation-sdk/common';
import { PanelBuilder as Stat } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as Table } from '@grafana/grafana-foundation-sdk/table';
import { SCHEDULE_FAMILY } from '../../../src/collectors/schedule/collector.js';
import { SNAPSHOT_FAMILY } from '../../../src/collectors/snapshots/collector.js';
import { CORE_FAMILY } from '../../../src/metrics/catalog.js';
import type { Config } from '../config.js';
import { DS, LAST, latest, organize, steps, tableQuery } from '../dashboards/common.js';
import { metric, withProjectName } from '../promql.js';
import { type Alert, CLUSTER, type MixinPart } from './part.js';

const backup = (selector: string) => (name: string) => metric(name, selector);

/** Each frequency's longest period between snapshots (an hourly item takes one at least every 12 h). */
const FREQUENCY_PERIODS: readonly [string, number][] = [
  ['hourly', 12 * 3600],
  ['daily', 86400],
  ['weekly', 7 * 86400],
  ['monthly', 31 * 86400],
  ['yearly', 366 * 86400],
];

/** The retention and point-in-time conditions; every series has the per-cluster labels. */
export function retentionQueries(selector: string, c: Config) {
  const m = backup(selector);
  const longest = (matcher = '') =>
    `max without(frequency) (${metric(SCHEDULE_FAMILY.policyRetention, selector, matcher)})`;
  const { frequencySeconds, retentionDays } = c.policyMinimum;
  const frequent = FREQUENCY_PERIODS.filter(([, period]) => period <= frequencySeconds).map(([f]) => f);
  return {
    longest: longest(),
    oldestAge: `time() - ${m(SNAPSHOT_FAMILY.oldestCompleted)}`,
    // Older than its longest retention, the cluster should have kept that much history; the
    // oldest snapshot is the value. Paused and backup-less clusters keep what they had.
    historyShort:
      `time() - ${m(SNAPSHOT_FAMILY.oldestCompleted)}` +
      `\n  < ${c.thresholds.historyShortFraction} * ${longest()}` +
      `\nand time() - ${m(CORE_FAMILY.clusterCreated)}\n  > ${longest()}`,
    // AWS's control passes when one rule is both frequent and long enough: the same here, per item
    // frequency; a policy with no frequent item fails it too. The value is the longest retention.
    belowMinimum:
      `${longest()}\nunless ${longest(`frequency=~"${frequent.join('|') || 'hourly'}"`)}` +
      ` >= ${retentionDays * 86400}`,
  };
}

function alerts(c: Config): Alert[] {
  const q = retentionQueries(c.alertSelector, c);
  const named = (expr: string) => withProjectName(expr, c.alertSelector);
  const { frequencySeconds, retentionDays } = c.policyMinimum;
  return [
    {
      alert: 'AtlasBackupHistoryShorterThanPolicy',
      expr: named(q.historyShort),
      for: c.for.historyShort,
      severity: 'warning',
      summary: 'Atlas backup history is shorter than its policy keeps.',
      description:
        `The oldest completed snapshot of ${CLUSTER} is {{ $value | humanizeDuration }} old, far newer ` +
        'than its backup policy keeps snapshots, though the cluster is older than that: snapshots were deleted, or never taken.',
    },
    ...(c.policyMinimum.enabled
      ? [
          {
            alert: 'AtlasBackupPolicyBelowMinimum',
            expr: named(q.belowMinimum),
            for: c.for.policyMinimum,
            severity: 'warning' as const,
            summary: 'Atlas backup policy below the minimum frequency and retention.',
            description:
              `The backup policy of ${CLUSTER} has no item that takes a snapshot at least every ` +
              `${frequencySeconds / 3600} h and keeps it ${retentionDays} days or more.`,
          },
        ]
      : []),
  ];
}

function overview(selector: string, c: Config) {
  const m = backup(selector);
  const q = retentionQueries(selector, c);
  return [
    new BarGauge()
      .title('History kept, share of the policy')
      .description(
        'Dedicated clusters: the age of the oldest completed snapshot over the longest retention of the backup policy. Well below 100% on a cluster older than that retention, history was lost (AtlasBackupHistoryShorterThanPolicy).',
      )
      .datasource(DS)
      .withTarget(latest(`sort((${q.oldestAge}) / ${q.longest})`, '{{cluster_name}} ({{cluster_kind}})'))
      .unit('percentunit')
      .min(0)
      .max(1)
      .reduceOptions(LAST)
      .displayMode(BarGaugeDisplayMode.Basic)
      .thresholds(steps('red', [c.thresholds.historyShortFraction, 'green']))
      .height(8)
      .span(8),
    new BarGauge()
      .title('Point-in-time restore window')
      .description(
        'Dedicated clusters with continuous backup: the point-in-time window the backup schedule configures (restoreWindowDays).',
      )
      .datasource(DS)
      .withTarget(latest(`sort(${m(CORE_FAMILY.restoreWindow)})`, '{{cluster_name}} ({{cluster_kind}})'))
      .unit('s')
      .reduceOptions(LAST)
      .displayMode(BarGaugeDisplayMode.Basic)
      .height(8)
      .span(8),
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

function cluster(selector: string, c: Config) {
  const m = backup(selector);
  const q = retentionQueries(selector, c);
  return [
    new Stat()
      .title('Retention and point-in-time window')
      .description(
        'Dedicated clusters: the longest retention of each frequency of the backup policy, the age of the oldest completed snapshot (the history actually kept), and the point-in-time window with continuous backup.',
      )
      .datasource(DS)
      .withTarget(latest(m(SCHEDULE_FAMILY.policyRetention), '{{frequency}} kept'))
      .withTarget(latest(q.oldestAge, 'oldest snapshot ({{cluster_kind}})'))
      .withTarget(latest(m(CORE_FAMILY.restoreWindow), 'point-in-time window'))
      .unit('s')
      .reduceOptions(LAST)
      .height(5)
      .span(12),
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

/**
 * The dedicated backup schedule: history kept against its retention, the point-in-time window,
 * the copy settings and where the newest snapshot was copied.
 */
export const schedule: MixinPart = { name: 'schedule', alerts, overview, cluster };
