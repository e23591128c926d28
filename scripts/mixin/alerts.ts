import { stringify } from 'yaml';
import { backupQueries, exporterQueries } from './backup-queries.js';
import { config } from './config.js';

interface Alert {
  alert: string;
  expr: string;
  for: string;
  severity: 'warning' | 'critical';
  summary: string;
  description: string;
}

const CLUSTER =
  '{{ $labels.cluster_kind }} cluster {{ $labels.cluster_name }} (project {{ $labels.group_id }})';

/** Every alert, from the thresholds and conditions in config.ts and backup-queries.ts. */
export function alerts(c = config): Alert[] {
  const t = c.thresholds;
  const b = backupQueries(c.alertSelector, t);
  const e = exporterQueries(c.alertSelector, t);
  const overdue = (factor: number) =>
    `The newest completed snapshot of ${CLUSTER} is {{ $value | printf "%.1f" }} expected intervals old (threshold ${factor}).`;
  return [
    {
      alert: 'AtlasBackupSnapshotOverdue',
      expr: b.overdueWarning,
      for: c.for.overdue,
      severity: 'warning',
      summary: 'Atlas backup snapshot overdue.',
      description: overdue(t.overdueWarningFactor),
    },
    {
      alert: 'AtlasBackupSnapshotOverdueCritical',
      expr: b.overdueCritical,
      for: c.for.overdue,
      severity: 'critical',
      summary: 'Atlas backup snapshot far overdue.',
      description: overdue(t.overdueCriticalFactor),
    },
    {
      alert: 'AtlasBackupNoCompletedSnapshot',
      expr: b.noSnapshot,
      for: c.for.noSnapshot,
      severity: 'critical',
      summary: 'Atlas cluster has never completed a backup snapshot.',
      description: `${CLUSTER} has backups enabled and was created {{ $value | humanizeDuration }} ago, over ${t.firstSnapshotGraceFactor} expected intervals, but has no completed snapshot.`,
    },
    {
      alert: 'AtlasBackupSnapshotFailed',
      expr: b.failed,
      for: c.for.failed,
      severity: 'warning',
      summary: 'Atlas backup snapshot failed.',
      description: `The newest snapshot of ${CLUSTER} failed and no completed snapshot came after it.`,
    },
    {
      alert: 'AtlasBackupSnapshotStuck',
      expr: b.stuck,
      for: c.for.stuck,
      severity: 'warning',
      summary: 'Atlas backup snapshot unfinished for too long.',
      description: `A snapshot of ${CLUSTER} has been pending, queued or in progress for {{ $value | humanizeDuration }}.`,
    },
    {
      alert: 'AtlasBackupClusterNotCollected',
      expr: b.notCollected,
      for: c.for.notCollected,
      severity: 'warning',
      summary: 'Atlas backup exporter cannot read a cluster.',
      description: `The snapshots of ${CLUSTER} were last read {{ $value | humanizeDuration }} ago; its backup values are stale.`,
    },
    {
      alert: 'AtlasBackupProjectNotCollected',
      expr: e.projectNotCollected,
      for: c.for.projectNotCollected,
      severity: 'warning',
      summary: 'Atlas backup exporter cannot list the clusters of a project.',
      description:
        'The {{ $labels.cluster_kind }} clusters of project {{ $labels.group_id }} could not be listed: their backups are not monitored.',
    },
    {
      alert: 'AtlasBackupExporterDown',
      expr: e.down,
      for: c.for.exporterDown,
      severity: 'critical',
      summary: 'Atlas backup exporter cannot reach Atlas.',
      description:
        '{{ $labels.instance }} could not authenticate to Atlas or list projects: backup monitoring is blind.',
    },
    {
      alert: 'AtlasBackupApiRateLimited',
      expr: e.rateLimited,
      for: c.for.rateLimited,
      severity: 'warning',
      summary: 'Atlas is rate limiting the backup exporter.',
      description: `Atlas answered {{ $value | printf "%.0f" }} requests to {{ $labels.endpoint }} with 429 in the last ${t.rateLimitedWindow}.`,
    },
    {
      alert: 'AtlasBackupApiSunset',
      expr: e.sunset,
      for: c.for.sunset,
      severity: 'warning',
      summary: 'An Atlas endpoint the exporter calls is being retired.',
      // a date already past gives a negative value: the endpoint may stop answering any time
      description:
        'Atlas announced a Sunset for {{ $labels.endpoint }}, {{ $value | humanizeDuration }} from now (negative: already past).',
    },
    {
      alert: 'AtlasBackupExporterShardingMismatch',
      expr: e.shardingMismatch,
      for: c.for.shards,
      severity: 'critical',
      summary: 'Atlas backup exporter shards disagree on --shard.total.',
      description:
        'The exporters of {{ $labels.job }} run with different --shard.total values: some projects are exported twice, others not at all.',
    },
    {
      alert: 'AtlasBackupExporterShardsMissing',
      expr: e.shardsMissing,
      for: c.for.shards,
      severity: 'critical',
      summary: 'Atlas backup exporter shards are missing.',
      description:
        '{{ $value }} of the --shard.total shards of {{ $labels.job }} are not scraped: the backups of their projects are not monitored.',
    },
  ];
}

/** The rule file alerts/atlas-backup.yml. */
export function alertsYaml(c = config): string {
  const rules = alerts(c).map((a) => ({
    alert: a.alert,
    expr: a.expr,
    for: a.for,
    labels: { severity: a.severity },
    annotations: {
      summary: a.summary,
      description: a.description,
      runbook_url: `${c.runbookUrl}#${a.alert.toLowerCase()}`,
    },
  }));
  const header =
    '# Generated by scripts/mixin (npm run mixin); edit scripts/mixin/config.ts, not this file.\n';
  // lineWidth 0: no folding, so multi-line PromQL stays a readable |- block.
  return header + stringify({ groups: [{ name: 'atlas-backup', rules }] }, { lineWidth: 0 });
}
