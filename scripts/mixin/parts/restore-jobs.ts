import { PanelBuilder as BarGauge } from '@grafana/grafana-foundation-sdk/bargauge';
import { BarGaugeDisplayMode } from '@grafana/grafana-foundation-sdk/common';
import { PanelBuilder as Stat } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TimeSeries } from '@grafana/grafana-foundation-sdk/timeseries';
import { RESTORE_JOB_FAMILY as R } from '../../../src/collectors/restore-jobs/collector.js';
import { CORE_FAMILY } from '../../../src/metrics/catalog.js';
import type { Config, Thresholds } from '../config.js';
import { byStatus, DS, LAST, latest, series, steps, when } from '../dashboards/common.js';
import { metric, withProjectName } from '../promql.js';
import { type Alert, CLUSTER, type MixinPart } from './part.js';

/** The restore-job conditions (--collector.restore-jobs); every series has the per-cluster labels. */
export function restoreQueries(selector: string, t: Thresholds, drillDays: number) {
  const m = (name: string, extra = '') => metric(name, selector, extra);
  const CLUSTER_MATCH = 'on(group_id, cluster_name, cluster_kind)';
  const lastCompleted = m(R.lastCompleted);
  const lastFailed = m(R.lastFailed);
  const collected = m(R.success);
  // A download waits for its user and never gets a finishedAt in Atlas: not a stuck restore.
  const unfinished = `sum without(status, delivery_type) (${m(
    R.jobs,
    'status=~"pending|queued|in_progress",delivery_type!="download"',
  )})`;
  const window = `${t.restoreRunningSeconds}s`;
  const drillSeconds = drillDays * 86400;
  return {
    // as for snapshots: a failed restore newer than the newest completed one, or failures only
    failed: `${lastFailed} > ${lastCompleted}\nor (${lastFailed} unless ${lastCompleted})`,
    // Atlas gives a dedicated job no creation time, so "running for long" is "some restore
    // unfinished at every step of the window"; the offset skips clusters read for less than that.
    running:
      `min_over_time((${unfinished} or ${collected} * 0)[${window}:1m]) > 0` +
      `\nand ${CLUSTER_MATCH} (${collected} offset ${window})`,
    // only clusters whose restore jobs are read: refused lists (read-only credentials) stay out
    // a fact of the past: it holds until a newer restore completes within the target
    slow: `${m(R.lastDuration)} > ${t.recoveryTimeTargetSeconds}`,
    noRecentRestore:
      `time() - ${lastCompleted} > ${drillSeconds}` +
      `\nor (${collected} == 1) unless ${CLUSTER_MATCH} ${lastCompleted}` +
      `\nand ${CLUSTER_MATCH} (time() - ${m(CORE_FAMILY.clusterCreated)} > ${drillSeconds})`,
    m,
  };
}

function alerts(c: Config): Alert[] {
  const t = c.thresholds;
  const r = restoreQueries(c.alertSelector, t, c.restoreDrill.days);
  const named = (expr: string) => withProjectName(expr, c.alertSelector);
  return [
    {
      alert: 'AtlasBackupRestoreFailed',
      expr: named(r.failed),
      for: c.for.restoreFailed,
      severity: 'warning',
      summary: 'Atlas restore job failed.',
      description: `The newest restore job of ${CLUSTER} failed and no restore completed after it.`,
    },
    {
      alert: 'AtlasBackupRestoreRunningLong',
      expr: named(r.running),
      for: c.for.restoreRunning,
      severity: 'warning',
      summary: 'Atlas restore job unfinished for too long.',
      description: `A restore of ${CLUSTER} has been pending, queued or in progress for over ${t.restoreRunningSeconds / 3600} h.`,
    },
    {
      alert: 'AtlasBackupRestoreSlowerThanTarget',
      expr: named(r.slow),
      for: c.for.restoreSlow,
      severity: 'warning',
      summary: 'Atlas restore took longer than the recovery-time target.',
      description: `The newest completed {{ $labels.restore_level }}-level restore of ${CLUSTER} took {{ $value | humanizeDuration }}, over the recovery-time target of ${t.recoveryTimeTargetSeconds / 3600} h.`,
    },
    ...(c.restoreDrill.enabled
      ? [
          {
            alert: 'AtlasBackupNoRecentRestore',
            expr: named(r.noRecentRestore),
            for: c.for.restoreDrill,
            severity: 'warning' as const,
            summary: 'No restore of an Atlas cluster completed recently.',
            description: `No restore of ${CLUSTER} completed in the last ${c.restoreDrill.days} days: its backups are untested.`,
          },
        ]
      : []),
  ];
}

function overview(selector: string, c: Config) {
  const r = restoreQueries(selector, c.thresholds, c.restoreDrill.days);
  return [
    new TimeSeries()
      .title('Restore jobs by status')
      .description(
        'Restore jobs on the newest page Atlas lists for each cluster (--collector.restore-jobs), summed by status.',
      )
      .datasource(DS)
      .withTarget(series(`sum by (status) (${r.m(R.jobs)})`, '{{status}}'))
      .unit('short')
      .height(8)
      .span(8),
    new BarGauge()
      .title('Newest completed restore age')
      .description(
        'Per cluster whose restore jobs are read: how long ago its newest restore completed. A backup is only as good as its last drill.',
      )
      .datasource(DS)
      .withTarget(
        latest(`sort_desc(time() - ${r.m(R.lastCompleted)})`, '{{cluster_name}} ({{cluster_kind}})'),
      )
      .unit('s')
      .reduceOptions(LAST)
      .displayMode(BarGaugeDisplayMode.Basic)
      .thresholds(steps('green', [c.restoreDrill.days * 86400, 'orange']))
      .height(8)
      .span(8),
    new BarGauge()
      .title('Newest restore duration')
      .description(
        'Per cluster and restore level: how long its newest completed restore took, where Atlas gives both ends (Flex restores, collection-level restores of dedicated clusters). Red: over the recovery-time target.',
      )
      .datasource(DS)
      .withTarget(
        latest(`sort_desc(${r.m(R.lastDuration)})`, '{{cluster_name}} ({{cluster_kind}}, {{restore_level}})'),
      )
      .unit('s')
      .reduceOptions(LAST)
      .displayMode(BarGaugeDisplayMode.Basic)
      .thresholds(steps('green', [c.thresholds.recoveryTimeTargetSeconds, 'red']))
      .height(8)
      .span(8),
  ];
}

function cluster(selector: string, c: Config) {
  const r = restoreQueries(selector, c.thresholds, c.restoreDrill.days);
  return [
    byStatus(
      'Restore jobs by status',
      'Restore jobs on the newest page Atlas lists (--collector.restore-jobs).',
      `sum by (cluster_kind, status, delivery_type) (${r.m(R.jobs)})`,
      '{{status}} {{delivery_type}} ({{cluster_kind}})',
    ),
    when(
      'Last restores',
      'When the newest restore completed, and the newest failed one.',
      [r.m(R.lastCompleted), 'completed ({{cluster_kind}})'],
      [r.m(R.lastFailed), 'failed ({{cluster_kind}})'],
    ),
    new Stat()
      .title('Newest restore duration')
      .description(
        'How long the newest completed restore took, per level (cluster: Flex; collection: dedicated collection-level). Red: over the recovery-time target.',
      )
      .datasource(DS)
      .withTarget(latest(r.m(R.lastDuration), '{{restore_level}} ({{cluster_kind}})'))
      .unit('s')
      .reduceOptions(LAST)
      .thresholds(steps('green', [c.thresholds.recoveryTimeTargetSeconds, 'red']))
      .height(5)
      .span(6),
    byStatus(
      'Collection-level restores by state',
      'Collection-level restore jobs of a dedicated cluster on the newest page Atlas lists (--collector.restore-jobs).',
      `sum by (cluster_kind, state) (${r.m(R.collectionJobs)})`,
      '{{state}} ({{cluster_kind}})',
    ),
  ];
}

/**
 * Restore jobs (Flex and dedicated, collection-level ones too): failed, long-running and slow
 * restores, and how old the last drill is.
 */
export const restoreJobs: MixinPart = { name: 'restore-jobs', alerts, overview, cluster };
