// Where the exporter's memory goes, refresh by refresh, in a minute instead of the steady hour:
//   tsc -p bench/tsconfig.json && node --expose-gc .bench/bench/memory-probe.js --size L --refreshes 10
// The bench's world at latency 0, its clock moved in 30 s steps as run.ts moves it. With
// --scrapes, each step is scraped from the scrape-load process as in run.ts; without, refreshes
// only (the exporter still prepares its page after each); with --collector-only, the collector
// alone on its client and no page at all: what the refresh costs apart from the page. After each
// refresh, after a full GC: its CPU and GCs, RSS (anonymous and file-backed; its peak since the
// last reading), heap used and committed per V8 space, external and ArrayBuffers, and anonymous
// memory by mapping (`[heap]`: malloc's main arena; `1-60M`: mostly other malloc arenas; `<1M`:
// mostly V8's heap pages).
// --snapshots 5,10 writes heap snapshots after those refreshes (writing one adds ~100 MiB of RSS).
import { readFileSync } from 'node:fs';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { writeHeapSnapshot } from 'node:v8';
import { pino } from 'pino';
import type { SimCredentials } from '../simulator/index.js';
import { createAtlasClient } from '../src/atlas/client.js';
import { createCollector } from '../src/collect/collector.js';
import { enabledCollectors } from '../src/collectors/collector.js';
import { COLLECTORS, ORG_COLLECTORS, PROJECT_COLLECTORS } from '../src/collectors/index.js';
import { KINDS } from '../src/kinds/index.js';
import { benchClock } from './clock.js';
import { log, STEP_MS } from './common.js';
import { benchConfig, startBenchExporter } from './exporter.js';
import { clientEnv, forkRpc } from './rpc.js';
import type { StepScrape } from './scrape-client.js';
import { SIZES, startProbeWorld } from './sizes.js';
import { atRest, memoryAfterGc, mib, procStatus, resetPeakRss } from './stats.js';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'L' },
    refreshes: { type: 'string', default: '20' },
    scrapes: { type: 'boolean', default: false },
    snapshots: { type: 'string', default: '' },
    flag: { type: 'string', multiple: true, default: [] },
    'collector-only': { type: 'boolean', default: false },
  },
});
const label = values.size;
const size = SIZES[label as keyof typeof SIZES];
if (!size) throw new Error(`--size: want S, M, L or XL, got ${label}`);
const snapshotsAt = new Set(values.snapshots.split(',').filter(Boolean).map(Number));

/** Resident memory in MiB, anonymous and file-backed, and its peak since the last call. */
function status(): Record<string, number> {
  const s = procStatus();
  resetPeakRss();
  const inMiB = (bytes = 0) => Math.round(bytes / 2 ** 20);
  return { anon: inMiB(s.RssAnon), file: inMiB(s.RssFile), peak: inMiB(s.VmHWM) };
}

/** Anonymous resident memory by where it lives: the brk heap (malloc), and other mappings by size. */
function anonMappings(): string {
  const buckets = new Map<string, number>();
  let size = 0;
  let name = '';
  for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) {
      size = (Number.parseInt(head[2] ?? '0', 16) - Number.parseInt(head[1] ?? '0', 16)) / 2 ** 20;
      name = head[3] ?? '';
      continue;
    }
    if (!line.startsWith('Anonymous:')) continue;
    const kb = Number(line.split(/\s+/)[1]);
    if (kb === 0) continue;
    const bucket = name !== '' ? name : size >= 60 ? '>=60M' : size >= 1 ? '1-60M' : '<1M';
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + kb / 1024);
  }
  return [...buckets]
    .filter(([, mb]) => mb >= 0.5)
    .map(([b, mb]) => `${b} ${Math.round(mb)}`)
    .join(' ');
}

/** A reading once the exporter gave the refresh's memory back, with that release's pause. */
async function restingReading(n: number): Promise<string> {
  const pause = await atRest(n === 1);
  return `release pause ${pause} ms; ${reading(n)}`;
}

function reading(n: number): string {
  const m = memoryAfterGc();
  const s = status();
  const spaces = Object.entries(m.spaces)
    .filter(([, bytes]) => bytes > 512 * 1024)
    .map(([name, bytes]) => `${name.replace(/_space$/, '')} ${mib(bytes)}`)
    .join(' ');
  const other = m.rss - m.heapTotal - m.external;
  return `refresh ${n}: rss ${mib(m.rss)} (anon ${s.anon} file ${s.file}, peak ${s.peak}) heap ${mib(m.heapUsed)}/${mib(m.heapTotal)} [${spaces}] external ${mib(m.external)} buffers ${mib(m.arrayBuffers)} rest ${mib(other)} | anon: ${anonMappings()}`;
}

/** The collector on its client as startExporter makes them, without the metrics, the page and the server. */
function collectorAlone(atlasUrl: string, credentials: SimCredentials, now: () => number) {
  const config = benchConfig(atlasUrl, credentials, values.flag);
  const logger = pino({ level: 'warn' });
  const ignore = () => undefined;
  const client = createAtlasClient({
    baseUrl: atlasUrl,
    credentials: config.credentials ?? { kind: 'service-account', clientId: '', clientSecret: '' },
    requestTimeoutMs: config.atlas.requestTimeoutMs,
    maxRetries: config.atlas.maxRetries,
    maxConcurrency: config.atlas.maxConcurrency,
    observer: {
      request: ignore,
      challenge: ignore,
      retry: ignore,
      rateLimitRemaining: ignore,
      rateLimitCapacity: ignore,
      sunset: ignore,
    },
    logger,
    userAgent: 'bench',
    now,
  });
  const collector = createCollector({
    client,
    kinds: KINDS,
    collectors: enabledCollectors(COLLECTORS, config.collector),
    projectCollectors: enabledCollectors(PROJECT_COLLECTORS, config.collector),
    orgCollectors: enabledCollectors(ORG_COLLECTORS, config.collector),
    settings: { ...config.atlas, collector: config.collector, shard: config.shard },
    logger,
    now,
  });
  return {
    exporter: {
      collector,
      url: '',
      async close() {
        await collector.stop();
        await client.close();
      },
    },
    config,
  };
}

/** GCs and their pause time since the last reading, by kind */
const gcs = { minor: 0, major: 0, ms: 0, maxMs: 0 };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const kind = (e as { detail?: { kind?: number } }).detail?.kind;
    if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) gcs.major++;
    else if (kind === constants.NODE_PERFORMANCE_GC_MINOR) gcs.minor++;
    gcs.ms += e.duration;
    gcs.maxMs = Math.max(gcs.maxMs, e.duration);
  }
}).observe({ entryTypes: ['gc'] });
let cpu = process.cpuUsage();
/** CPU and GCs since the last call */
function work(): string {
  const used = process.cpuUsage(cpu);
  cpu = process.cpuUsage();
  const line = `cpu ${Math.round((used.user + used.system) / 1000)} ms, gc ${gcs.minor} minor ${gcs.major} major ${Math.round(gcs.ms)} ms (max ${Math.round(gcs.maxMs)})`;
  Object.assign(gcs, { minor: 0, major: 0, ms: 0, maxMs: 0 });
  return line;
}

const clock = benchClock();
const sim = await startProbeWorld(size);
const scraper = values.scrapes
  ? await forkRpc<boolean>(new URL('./scrape-load.js', import.meta.url), {}, clientEnv())
  : undefined;
log(`${label}: before the exporter ${reading(0)}`);
const { exporter, config } = values['collector-only']
  ? collectorAlone(sim.url, sim.credentials, clock.now)
  : await startBenchExporter(sim.url, sim.credentials, clock.now, values.flag);
const t0 = performance.now();
await exporter.collector.refreshNow();
log(`${label}: cold refresh ${Math.round(performance.now() - t0)} ms, ${work()}`);
clock.freeze();
await sim.setNow(clock.now());
log(`${label}: ${await restingReading(1)}`);
const url = `${exporter.url}${config.web.telemetryPath}`;
const ttl = config.atlas.cacheTtlMs;
let refreshes = 1;
let lastEnd = exporter.collector.state().lastRefreshEndMs;
while (refreshes < Number(values.refreshes)) {
  clock.advance(STEP_MS);
  await sim.tick(clock.now());
  const due = clock.now() - (exporter.collector.state().lastRefreshEndMs ?? 0) >= ttl;
  if (scraper) {
    const s = await scraper.call<StepScrape>('scrape', { url, watch: [] });
    if (s.status !== 200) throw new Error(`scrape ${s.status}`);
  } else if (due) {
    await exporter.collector.refreshNow();
  }
  const end = exporter.collector.state().lastRefreshEndMs;
  if (end === lastEnd) continue;
  lastEnd = end;
  refreshes++;
  log(`${label}: ${work()}; ${await restingReading(refreshes)}`);
  work();
  if (snapshotsAt.has(refreshes))
    log(`${label}: heap snapshot ${writeHeapSnapshot(`.bench/${label}-probe-${refreshes}.heapsnapshot`)}`);
}
await exporter.close();
await scraper?.close();
await sim.close();
