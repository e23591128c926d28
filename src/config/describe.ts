import type { Credentials } from '../atlas/api.js';
import type { Config } from './config.js';
import { formatDuration } from './duration.js';
import { describeProxy } from './proxy.js';

/** Shown instead of every secret value. */
export const SECRET_MASK = '<secret>';

/** The demo's Atlas before it starts: the simulator's port is chosen only then. */
export const DEMO_BASE_URL = 'http://127.0.0.1:<port chosen at start> (the built-in simulator)';

/**
 * The effective configuration keyed by flag name, for `--config.check` and the landing page:
 * durations as Prometheus durations, regexes as their (anchored) source, secrets masked.
 * `atlasBaseUrl` is the Atlas actually read, once known (the demo's simulator).
 */
export function describeConfig(config: Config, atlasBaseUrl?: string): Record<string, unknown> {
  const { web, log, atlas } = config;
  return {
    'web.listen-address': web.listenAddress,
    'web.telemetry-path': web.telemetryPath,
    'web.config.file': web.configFile ?? null,
    'log.level': log.level,
    'log.format': log.format,
    'atlas.base-url': atlasBaseUrl ?? (config.demo ? DEMO_BASE_URL : atlas.baseUrl),
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
    'atlas.tag-labels': [...atlas.tagLabels],
    ...Object.fromEntries(Object.entries(config.collector).map(([name, on]) => [`collector.${name}`, on])),
    'shard.index': config.shard.index,
    'shard.total': config.shard.total,
    demo: config.demo,
    credentials: maskCredentials(config.credentials),
    // The demo reads its simulator inside the process, never through a proxy.
    proxy: atlas.proxy && !config.demo ? describeProxy(atlas.proxy, SECRET_MASK) : null,
    NODE_EXTRA_CA_CERTS: atlas.extraCaCerts ?? null,
  };
}

function maskCredentials(credentials: Credentials | undefined): Record<string, string> | null {
  if (!credentials) return null;
  if (credentials.kind === 'service-account') {
    return { kind: credentials.kind, clientId: credentials.clientId, clientSecret: SECRET_MASK };
  }
  return { kind: credentials.kind, publicKey: credentials.publicKey, privateKey: SECRET_MASK };
}
