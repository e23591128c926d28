import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { RETRY_REASONS } from '../atlas/api.js';
import type { KnownLabels } from '../collect/known-labels.js';

/**
 * The exporter's own metrics, defined once on the given registry: the API series accumulate as
 * requests happen, the rest is set at each scrape. The backup series are encoded apart, once per
 * refresh (backup-text.ts).
 */
export function createCatalog(registry: Registry) {
  const own = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) =>
    new Gauge<L>({ name: `mongodbatlas_exporter_${name}`, help, labelNames, registers: [registry] });
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
    apiAuthChallenges: new Counter({
      name: 'mongodbatlas_exporter_api_auth_challenges_total',
      help: 'Digest challenges answered (the first 401 of an API-key conversation, a stale nonce); not counted in api_requests_total.',
      labelNames: ['endpoint'] as const,
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
    shardIndex: own('shard_index', "This exporter's --shard.index: it reads the projects that hash to it."),
    shardCount: own('shard_count', "This exporter's --shard.total: how many exporters share the projects."),
    buildInfo: own('build_info', 'Build information of the exporter.', [
      'version',
      'revision',
      'nodejs_version',
    ]),
  };

  for (const result of ['success', 'partial', 'failure']) exporter.refreshes.inc({ result }, 0);
  return { exporter };
}

/** Starts the API counters at 0 for every label combination known before any request. */
export function startAtZero({ exporter }: Catalog, known: KnownLabels): void {
  for (const endpoint of known.endpoints) {
    for (const reason of RETRY_REASONS) exporter.apiRetries.inc({ endpoint, reason }, 0);
  }
  for (const endpoint of known.challenged) exporter.apiAuthChallenges.inc({ endpoint }, 0);
}

export type Catalog = ReturnType<typeof createCatalog>;
