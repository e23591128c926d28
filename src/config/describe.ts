import type { Credentials } from '../atlas/api.js';
import type { Config } from './config.js';
import { formatDuration } from './duration.js';

/** Shown instead of every secret value. */
export const SECRET_MASK = '<secret>';

/**
 * The effective configuration keyed by flag name, for `--config.check` and the landing page:
 * durations as Prometheus durations, regexes as their (anchored) source, secrets masked.
 */
export function describeConfig(config: Config): Record<string, unknown> {
  const { web, log, atlas } = config;
  return {
    'web.listen-address': web.listenAddress,
    'web.telemetry-path': web.telemetryPath,
    'web.config.file': web.configFile ?? null,
    'log.level': log.level,
    'log.format': log.format,
    'atlas.base-url': atlas.baseUrl,
    'atlas.org-id': atlas.orgId ?? null,
    'atlas.project-id': [...atlas.projectIds],
    'atlas.cluster-kinds': [...atlas.clusterKinds],
    'atlas.cluster-include': atlas.clusterInclude?.source ?? null,
    'atlas.cluster-exclude': atlas.clusterExclude?.source ?? null,
    'atlas.cache-ttl': formatDuration(atlas.cacheTtlMs),
    'atlas.refresh-mode': atlas.refreshMode,
    'atlas.max-concurrency': atlas.maxConcurrency,
    'atlas.request-timeout': formatDuration(atlas.requestTimeoutMs),
    'atlas.max-retries': atlas.maxRetries,
    'atlas.stale-after': formatDuration(atlas.staleAfterMs),
    'atlas.snapshot-recheck-interval': formatDuration(atlas.snapshotRecheckIntervalMs),
    ...Object.fromEntries(Object.entries(config.collector).map(([name, on]) => [`collector.${name}`, on])),
    'shard.index': config.shard.index,
    'shard.total': config.shard.total,
    demo: config.demo,
    credentials: maskCredentials(config.credentials),
  };
}

function maskCredentials(credentials: Credentials | undefined): Record<string, string> | null {
  if (!credentials) return null;
  if (credentials.kind === 'service-account') {
    return { kind: credentials.kind, clientId: credentials.clientId, clientSecret: SECRET_MASK };
  }
  return { kind: credentials.kind, publicKey: credentials.publicKey, privateKey: SECRET_MASK };
}
