import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

const BASE = ['group_id', 'cluster_name', 'cluster_kind'] as const;
const INFO = [
  ...BASE,
  'group_name',
  'state',
  'provider',
  'region',
  'mongodb_version',
  'tier',
  'topology',
  'backup_enabled',
  'pit_enabled',
  'paused',
] as const;

/**
 * Every metric of the contract, defined once on the given registry. Backup series are refilled
 * from the collector's state at each scrape; the API series accumulate as requests happen.
 */
export function createCatalog(registry: Registry, cacheTtl: string, snapshotDetails: boolean) {
  const cached = `Cached for --atlas.cache-ttl (${cacheTtl}).`;
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    new Gauge<L>({ name, help: `${help} ${cached}`, labelNames, registers: [registry] });
  const cluster = (name: string, help: string) => gauge(`mongodbatlas_backup_${name}`, help, BASE);
  const own = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) =>
    new Gauge<L>({ name: `mongodbatlas_exporter_${name}`, help, labelNames, registers: [registry] });
  const snapshot = (name: string, help: string) =>
    gauge(`mongodbatlas_backup_${name}`, help, [...BASE, 'snapshot_id'] as const);

  const backup = {
    projectInfo: gauge('mongodbatlas_backup_project_info', 'An Atlas project in scope.', [
      'group_id',
      'group_name',
      'org_id',
    ]),
    clusterInfo: gauge(
      'mongodbatlas_backup_cluster_info',
      'A cluster in scope and its backup settings.',
      INFO,
    ),
    clusterCreated: cluster('cluster_created_timestamp_seconds', "The cluster's creation time."),
    snapshots: gauge(
      'mongodbatlas_backup_snapshots',
      'Number of backup snapshots by status, type and frequency.',
      [...BASE, 'status', 'snapshot_type', 'frequency'],
    ),
    storageBytes: cluster('storage_bytes', 'Storage used by completed snapshots (not reported for Flex).'),
    lastCompleted: cluster(
      'last_completed_snapshot_timestamp_seconds',
      'Snapshot time of the newest completed snapshot.',
    ),
    lastCompletedAge: cluster(
      'last_completed_snapshot_age_seconds',
      'Seconds since the newest completed snapshot, computed when /metrics is rendered.',
    ),
    lastCompletedStorage: cluster(
      'last_completed_snapshot_storage_bytes',
      'Size of the newest completed snapshot (not reported for Flex).',
    ),
    oldestCompleted: cluster(
      'oldest_completed_snapshot_timestamp_seconds',
      'Snapshot time of the oldest completed snapshot: the start of the restore window.',
    ),
    lastFailed: cluster(
      'last_failed_snapshot_timestamp_seconds',
      'Snapshot time of the newest failed snapshot.',
    ),
    oldestUnfinished: cluster(
      'oldest_unfinished_snapshot_timestamp_seconds',
      'Snapshot time of the oldest pending, queued or in-progress snapshot.',
    ),
    nextExpiry: cluster(
      'next_snapshot_expiry_timestamp_seconds',
      'Earliest expiry among completed snapshots.',
    ),
    expectedInterval: cluster(
      'expected_interval_seconds',
      'How often Atlas should take a snapshot (dedicated: the shortest period of its backup policy).',
    ),
    nextScheduled: cluster(
      'next_scheduled_snapshot_timestamp_seconds',
      "Dedicated only: when the backup schedule's next snapshot is due (schedule read at most hourly).",
    ),
    collectSuccess: cluster(
      'collect_success',
      "1 if this cluster's snapshots were read on the last refresh; on 0 the values are the last good ones.",
    ),
    lastCollectSuccess: cluster(
      'last_collect_success_timestamp_seconds',
      "When this cluster's snapshots were last read.",
    ),
  };

  const details = snapshotDetails
    ? {
        info: gauge('mongodbatlas_backup_snapshot_info', 'One backup snapshot.', [
          ...BASE,
          'snapshot_id',
          'status',
          'snapshot_type',
          'frequency',
          'mongodb_version',
        ]),
        time: snapshot('snapshot_timestamp_seconds', 'Snapshot time of one snapshot.'),
        expiry: snapshot('snapshot_expiry_timestamp_seconds', 'When Atlas deletes one snapshot.'),
        size: snapshot('snapshot_size_bytes', 'Size of one snapshot (not reported for Flex).'),
      }
    : undefined;

  const exporter = {
    up: own('up', '1 if the last refresh authenticated and listed projects; 0 otherwise.'),
    projectCollectSuccess: own(
      'project_collect_success',
      "1 if this project's clusters of this kind were listed on the last refresh.",
      ['group_id', 'cluster_kind'],
    ),
    lastRefresh: own('last_refresh_timestamp_seconds', 'End of the last refresh, whatever its result.'),
    refreshDuration: own('refresh_duration_seconds', 'Length of the last refresh.'),
    dataAge: own('data_age_seconds', 'Age of the backup data this scrape serves.'),
    refreshes: new Counter({
      name: 'mongodbatlas_exporter_refreshes_total',
      help: 'Refreshes run, by result.',
      labelNames: ['result'] as const,
      registers: [registry],
    }),
    apiRequests: new Counter({
      name: 'mongodbatlas_exporter_api_requests_total',
      help: 'Atlas API requests by endpoint and HTTP status (or timeout / network_error).',
      labelNames: ['endpoint', 'code'] as const,
      registers: [registry],
    }),
    apiDuration: new Histogram({
      name: 'mongodbatlas_exporter_api_request_duration_seconds',
      help: 'Atlas API request latency.',
      labelNames: ['endpoint'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    apiRetries: new Counter({
      name: 'mongodbatlas_exporter_api_retries_total',
      help: 'Atlas API requests retried, by reason.',
      labelNames: ['endpoint', 'reason'] as const,
      registers: [registry],
    }),
    rateLimitRemaining: own('api_rate_limit_remaining', 'The last RateLimit-Remaining Atlas sent.', [
      'endpoint',
    ]),
    sunset: own('api_sunset_timestamp_seconds', 'The Sunset date Atlas announced for an endpoint we call.', [
      'endpoint',
    ]),
    buildInfo: own('build_info', 'Build information of the exporter.', [
      'version',
      'revision',
      'nodejs_version',
    ]),
  };

  for (const result of ['success', 'partial', 'failure']) exporter.refreshes.inc({ result }, 0);
  return { backup, details, exporter };
}

export type Catalog = ReturnType<typeof createCatalog>;
