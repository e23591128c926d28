// /metrics alone, in a minute or two instead of the steady hour:
//   tsc -p bench/tsconfig.json && node --expose-gc .bench/bench/scrape-probe.js --size M
// Latency 0 throughout. After the cold refresh: the page build's wall and CPU time; /metrics
// plain p50 from the scrape-load process and from this one, with the major GCs and CPU per scrape
// they cost this process (the exporter's); then warm refreshes, each met by scrapes every 100 ms
// as run.ts sends them, with the refresh's and the next scrape's times, and memory after each.
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { request } from 'undici';
import { enabledCollectors } from '../src/collectors/collector.js';
import { COLLECTORS } from '../src/collectors/index.js';
import { type BackupText, renderBackupText } from '../src/metrics/backup.js';
import { benchClock } from './clock.js';
import { log } from './common.js';
import { startBenchExporter } from './exporter.js';
import { clientEnv, forkRpc } from './rpc.js';
import type { ScrapeSample, SeriesSample } from './scrape-load.js';
import { pastLanding, watchAnswers } from './scrape-tail.js';
import { SIZES, startProbeWorld } from './sizes.js';
import { mib, percentile, round } from './stats.js';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'M' },
    scrapes: { type: 'string', default: '50' },
    refreshes: { type: 'string', default: '5' },
  },
});
const size = SIZES[values.size as keyof typeof SIZES];
if (!size) throw new Error(`--size: want S, M or L, got ${values.size}`);
const label = values.size;
const SCRAPES = Number(values.scrapes);

let majorGcs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries())
    if ((e as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR)
      majorGcs++;
}).observe({ entryTypes: ['gc'] });

/** p50 of `work`'s scrapes, with the major GCs and the CPU per scrape of this process meanwhile. */
async function costOf(work: () => Promise<number[]>): Promise<string> {
  const gcs = majorGcs;
  const cpu = process.cpuUsage();
  const ms = await work();
  const used = process.cpuUsage(cpu);
  await new Promise((r) => setTimeout(r, 50)); // GC entries come in a later turn
  const perScrape = round((used.user + used.system) / 1000 / (ms.length + 3));
  return `p50 ${round(percentile(ms, 50))} ms; this process: ${majorGcs - gcs} major GCs, ${perScrape} ms CPU per scrape`;
}

async function inProcess(url: string): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < SCRAPES + 3; i++) {
    const t0 = performance.now();
    const res = await request(url);
    Buffer.from(await res.body.arrayBuffer());
    if (i >= 3) ms.push(performance.now() - t0);
  }
  return ms;
}

const clock = benchClock();
const sim = await startProbeWorld(size);
const scraper = await forkRpc<boolean>(new URL('./scrape-load.js', import.meta.url), {}, clientEnv());
const { exporter, config } = await startBenchExporter(sim.url, sim.credentials, clock.now);
await exporter.collector.refreshNow();
clock.freeze();
await sim.setNow(clock.now());
const url = `${exporter.url}${config.web.telemetryPath}`;
const fromScraper = async (gzip: boolean) =>
  (await scraper.call<SeriesSample>('series', { url, n: SCRAPES, gzip, body: false })).ms;

const collectors = enabledCollectors(COLLECTORS, config.collector);
const settings = { cacheTtl: '5m', collectors, options: config.collector };
/** wall and CPU ms of five page builds of the state, each from nothing or from the page before */
async function builds(fromLast: boolean): Promise<string> {
  const times: number[] = [];
  let last: BackupText | undefined;
  for (let i = 0; i < 5; i++) {
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    const page = await renderBackupText(exporter.collector.state(), settings, last);
    const used = process.cpuUsage(cpu);
    if (fromLast) last = page;
    times.push(round(performance.now() - t0), round((used.user + used.system) / 1000));
  }
  return times.join(' ');
}
log(`${label}: page build from nothing, wall / CPU ms: ${await builds(false)}`);
log(`${label}: page build from the last page, wall / CPU ms: ${await builds(true)}`);
log(`${label}: plain from the scrape process: ${await costOf(() => fromScraper(false))}`);
log(`${label}: plain from this process:      ${await costOf(() => inProcess(url))}`);
log(`${label}: plain from the scrape process: ${await costOf(() => fromScraper(false))}`);
log(`${label}: gzip from the scrape process:  ${await costOf(() => fromScraper(true))}`);

const { answers } = watchAnswers(exporter.server);
/** after a GC */
function memory(): string {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return `rss ${mib(m.rss)} heap ${mib(m.heapUsed)} buffers ${mib(m.arrayBuffers)}`;
}
const during: number[] = [];
const steps: string[] = [];
/** how long each answer took after the refresh landed: of those that waited for it, and of the rest */
const tail = { joined: [] as number[], after: [] as number[] };
for (let i = 0; i < Number(values.refreshes); i++) {
  clock.advance(config.atlas.cacheTtlMs);
  await sim.setNow(clock.now());
  answers.length = 0;
  const landed = exporter.collector.refreshNow().then(() => performance.now());
  const s = await scraper.call<ScrapeSample>('sample', { url, everyMs: 100, watch: [] });
  const landedAt = await landed;
  const { joined, after } = pastLanding(answers, landedAt);
  tail.joined.push(...joined);
  tail.after.push(...after);
  during.push(...s.during);
  const atEnd = memory();
  await new Promise((r) => setTimeout(r, 2000)); // the page's deflate done
  steps.push(`step ${round(s.main.ms)} ms, ${atEnd}, 2 s later ${memory()}`);
}
const p = (ms: number[]) =>
  `n ${ms.length}, p50 ${round(percentile(ms, 50))} ms, max ${round(Math.max(...ms))} ms`;
log(`${label}: refreshes met by scrapes: ${steps.join('; ')}`);
log(
  `${label}: ${during.length} scrapes during them: p50 ${round(percentile(during, 50))} ms, p99 ${round(percentile(during, 99))} ms`,
);
log(`${label}: past the refresh's end, scrapes that waited for it: ${p(tail.joined)}`);
log(`${label}: scrapes that arrived after it landed: ${p(tail.after)}`);
await exporter.close();
await scraper.close();
await sim.close();
