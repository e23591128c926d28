import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { type Dispatcher, request } from 'undici';
import { afterEach } from 'vitest';
import { type Simulator, type SimulatorOptions, startSimulator } from '../../simulator/index.js';
import type { Config } from '../../src/config/config.js';
import { describeConfig } from '../../src/config/describe.js';
import { parseConfig } from '../../src/config/parse.js';
import { type Exporter, startExporter } from '../../src/exporter.js';
import { loadWebConfig } from '../../src/http/web-config.js';
import { createLogger } from '../../src/logger.js';
import type { Gc } from '../../src/release-memory.js';

export interface Harness {
  sim: Simulator;
  exporter: Exporter;
  config: Config;
  /** every log line the exporter wrote, parsed */
  logs: Array<Record<string, unknown>>;
  rawLogs: string[];
  scrape(
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: string; headers: Record<string, unknown> }>;
  get(path: string, headers?: Record<string, string>): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  sim?: SimulatorOptions;
  /** a running simulator to read from instead of a new one; the caller closes it */
  simulator?: Simulator;
  /** extra flags, after the listen address and base URL */
  args?: string[];
  /** credentials: the simulator's service account (default), its API key, or explicit variables */
  auth?: 'service-account' | 'api-key' | Record<string, string>;
  /** more environment, e.g. HTTPS_PROXY */
  env?: Record<string, string>;
  /** the exporter's clock; the simulator keeps its own (options.sim.now) */
  now?: () => number;
  logLevel?: 'debug' | 'info';
  /** a --web.config.file; the exporter follows changes to it as it runs */
  webConfigFile?: string;
  /** undici dispatcher for requests to the exporter (e.g. one that trusts a test certificate) */
  dispatcher?: Dispatcher;
  /** V8's gc() as the exporter is given it (default: none, as vitest runs without --expose-gc) */
  gc?: Gc;
}

function credentialEnv(sim: Simulator, auth: HarnessOptions['auth']): Record<string, string> {
  if (auth === 'api-key') {
    return {
      MONGODB_ATLAS_PUBLIC_API_KEY: sim.credentials.apiKey.publicKey,
      MONGODB_ATLAS_PRIVATE_API_KEY: sim.credentials.apiKey.privateKey,
    };
  }
  if (auth && typeof auth === 'object') return auth;
  return {
    MONGODB_ATLAS_CLIENT_ID: sim.credentials.serviceAccount.clientId,
    MONGODB_ATLAS_CLIENT_SECRET: sim.credentials.serviceAccount.clientSecret,
  };
}

function startWebConfig(path: string) {
  const loaded = loadWebConfig(path, readFileSync);
  if (loaded.kind === 'error') throw new Error(loaded.errors.join('\n'));
  return { path, ...loaded };
}

/** The real exporter (config parsing included) against a real simulator, both on loopback. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const sim = options.simulator ?? (await startSimulator(options.sim ?? {}));
  const argv = [
    '--web.listen-address=127.0.0.1:0',
    `--atlas.base-url=${sim.url}`,
    `--log.level=${options.logLevel ?? 'debug'}`,
    ...(options.args ?? []),
  ];
  const parsed = parseConfig(argv, { ...credentialEnv(sim, options.auth), ...options.env }, () => {
    throw new Error('no files in tests');
  });
  if (parsed.kind !== 'run') throw new Error(`config: ${JSON.stringify(parsed)}`);
  const { config } = parsed;
  if (config.demo) throw new Error('the harness points the exporter at its own simulator, not the demo');
  const rawLogs: string[] = [];
  const logs: Array<Record<string, unknown>> = [];
  const logger = createLogger(config.log, {
    write(line: string) {
      rawLogs.push(line);
      logs.push(JSON.parse(line) as Record<string, unknown>);
    },
  });
  const exporter = await startExporter({
    config,
    // What main passes: the landing-page tests see the config the page really shows.
    describedConfig: describeConfig(config),
    logger,
    build: { version: '0.0.0-test', revision: 'test' },
    atlas: {
      baseUrl: config.atlas.baseUrl,
      credentials: config.credentials,
      proxy: config.atlas.proxy,
    },
    gc: options.gc,
    ...(options.now ? { now: options.now } : {}),
    ...(options.webConfigFile ? { webConfig: startWebConfig(options.webConfigFile) } : {}),
  });

  async function get(path: string, headers: Record<string, string> = {}) {
    const res = await request(`${exporter.url}${path}`, {
      headers,
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    });
    const buffer = Buffer.from(await res.body.arrayBuffer());
    const body =
      res.headers['content-encoding'] === 'gzip' ? gunzipSync(buffer).toString() : buffer.toString();
    return { status: res.statusCode, body, headers: res.headers as Record<string, unknown> };
  }

  return {
    sim,
    exporter,
    config,
    logs,
    rawLogs,
    scrape: (headers) => get(config.web.telemetryPath, headers),
    get,
    async close() {
      await exporter.close();
      if (!options.simulator) await sim.close();
    },
  };
}

/** The value of one series in a text exposition, or undefined when it is absent. */
export function sample(body: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of body.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (!Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) continue;
    return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

export function clusterLabels(ref: { groupId: string; name: string; kind: string }) {
  return { group_id: ref.groupId, cluster_name: ref.name, cluster_kind: ref.kind };
}

/** Waits until `check` holds, polling; for state reached through asynchronous refreshes. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A clock the test can move past the cache TTL. */
export function movableClock() {
  let offsetMs = 0;
  return { now: () => Date.now() + offsetMs, advance: (ms: number) => (offsetMs += ms) };
}

/** Starts harnesses that are closed after each test of the calling file. */
export function harnessPerTest(): (options?: HarnessOptions) => Promise<Harness> {
  const open: Harness[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((h) => h.close()));
  });
  return async (options = {}) => {
    const h = await startHarness(options);
    open.push(h);
    return h;
  };
}
