import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Dispatcher } from 'undici';
import type { Credentials, EgressProxy } from './atlas/api.js';
import { createAtlasClient } from './atlas/client.js';
import { createCollector } from './collect/collector.js';
import { knownLabels } from './collect/known-labels.js';
import { enabledCollectors } from './collectors/collector.js';
import { COLLECTORS, ORG_COLLECTORS, PROJECT_COLLECTORS } from './collectors/index.js';
import type { Settings } from './config/config.js';
import { formatDuration } from './config/duration.js';
import { createApp } from './http/app.js';
import { prepareClusterView } from './http/cluster-view.js';
import { liveWebConfig } from './http/live-web-config.js';
import { reachableHost, serverUrl } from './http/local-url.js';
import { createPasswordCheck } from './http/password-check.js';
import { createTlsServer } from './http/tls-server.js';
import type { Sources, WebConfig } from './http/web-config.js';
import { KINDS } from './kinds/index.js';
import { createMetrics } from './metrics/metrics.js';
import { createMemoryRelease, type Gc, RELEASE_QUIET_MS } from './release-memory.js';

export interface ExporterDeps {
  /** the validated settings; where Atlas is and how to authenticate come in `atlas` */
  readonly config: Settings;
  /** the effective configuration with secrets masked, for the landing page */
  readonly describedConfig: Record<string, unknown>;
  readonly logger: Logger;
  readonly build: { version: string; revision: string };
  /** Atlas location, credentials and proxy; the demo points these at its simulator */
  readonly atlas: { baseUrl: string; credentials: Credentials; proxy?: EgressProxy | undefined };
  readonly dispatcher?: Dispatcher;
  readonly now?: () => number;
  /** --web.config.file as loaded at start; followed from then on */
  readonly webConfig?: { readonly path: string; readonly config: WebConfig; readonly sources: Sources };
  /** V8's gc() to give a refresh's memory back when quiet; default: the global one, if Node exposes it */
  readonly gc?: Gc | undefined;
}

/** Bounds what a slow or hostile client can hold open: headers, whole requests, header size. */
const SERVER_LIMITS = { headersTimeout: 10_000, requestTimeout: 30_000, maxHeaderSize: 16_384 };

/** A running exporter: the HTTP server listening and the collector started. */
export interface Exporter {
  readonly url: string;
  readonly server: Server;
  readonly collector: ReturnType<typeof createCollector>;
  close(): Promise<void>;
}

function listen(server: Server, host: string | undefined, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** The composition: config → metrics → client → resources → collector → app → listen. No process globals. */
export async function startExporter(deps: ExporterDeps): Promise<Exporter> {
  const { config, logger } = deps;
  const now = deps.now ?? Date.now;
  const collectors = enabledCollectors(COLLECTORS, config.collector);
  const projectCollectors = enabledCollectors(PROJECT_COLLECTORS, config.collector);
  const orgCollectors = enabledCollectors(ORG_COLLECTORS, config.collector);
  const metrics = createMetrics({
    cacheTtl: formatDuration(config.atlas.cacheTtlMs),
    options: config.collector,
    tagLabels: config.atlas.tagLabels,
    collectors,
    projectCollectors,
    orgCollectors,
    build: deps.build,
    shard: config.shard,
    known: knownLabels(
      config.atlas,
      deps.atlas.credentials.kind,
      collectors,
      projectCollectors,
      orgCollectors,
    ),
  });
  const client = createAtlasClient({
    baseUrl: deps.atlas.baseUrl,
    credentials: deps.atlas.credentials,
    dispatcher: deps.dispatcher,
    ...(deps.atlas.proxy ? { proxy: deps.atlas.proxy } : {}),
    requestTimeoutMs: config.atlas.requestTimeoutMs,
    maxRetries: config.atlas.maxRetries,
    maxConcurrency: config.atlas.maxConcurrency,
    observer: metrics.observer,
    logger,
    userAgent: `atlas-backup-exporter/${deps.build.version}`,
    now,
  });
  const release = createMemoryRelease({
    gc: 'gc' in deps ? deps.gc : (globalThis as { gc?: Gc }).gc,
    scrapes: metrics,
    quietMs: RELEASE_QUIET_MS,
    logger,
  });
  const collector = createCollector({
    client,
    kinds: KINDS,
    collectors,
    projectCollectors,
    orgCollectors,
    settings: { ...config.atlas, collector: config.collector, shard: config.shard },
    logger: logger.child({ component: 'collector' }),
    now,
    onRefresh: (result, state) => {
      // Scrapes first: the landing page's view is made once the new /metrics page is made and
      // the scrapes that waited for it are answered; the refresh's memory is given back later,
      // when no scrape comes.
      metrics
        .refreshed(result, state)
        .then(metrics.idle)
        .then(() => prepareClusterView(state))
        .then(release.afterRefresh)
        .catch(() => undefined);
    },
  });
  const web = deps.webConfig && {
    config: liveWebConfig(deps.webConfig.path, deps.webConfig, readFileSync, logger),
    passwords: createPasswordCheck(),
  };
  const app = createApp({
    telemetryPath: config.web.telemetryPath,
    version: deps.build.version,
    describedConfig: deps.describedConfig,
    eventsLookbackMs: config.atlas.eventsLookbackMs,
    collector,
    metrics,
    logger,
    now,
    web,
  });

  const tls = deps.webConfig?.config.tls !== undefined;
  const server =
    web && tls ? createTlsServer(SERVER_LIMITS, web.config, app) : createServer(SERVER_LIMITS, app);
  try {
    await listen(server, config.web.host, config.web.port);
  } catch (err) {
    await client.close();
    await web?.passwords.close();
    throw err;
  }
  collector.start();
  const { port } = server.address() as AddressInfo;

  return {
    url: serverUrl(tls, reachableHost(config.web.host), port),
    server,
    collector,
    async close() {
      server.closeIdleConnections();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await collector.stop();
      await client.close();
      await web?.passwords.close();
      server.closeAllConnections();
      await closed;
    },
  };
}
