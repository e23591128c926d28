// Soak: the built exporter against the simulator with faults and a rate limit, scraped hard.
// npm run soak -- --minutes N [--scrapers 2] [--per-second 10] [--cache-ttl 15s]
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { parseArgs } from 'node:util';
import { parseDuration } from '../dist/config/duration.js';
import { startSimulator } from '../dist/simulator/index.js';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '1' },
    scrapers: { type: 'string', default: '2' },
    'per-second': { type: 'string', default: '10' },
    'cache-ttl': { type: 'string', default: '15s' },
  },
});
const durationMs = Number(values.minutes) * 60_000;
const scrapers = Number(values.scrapers);
const intervalMs = 1000 / Number(values['per-second']);
const warmupMs = Math.min(60_000, durationMs / 5);
const ttlMs = parseDuration(values['cache-ttl']);
if (ttlMs === undefined) throw new Error(`--cache-ttl ${values['cache-ttl']}: not a duration`);

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const rssBytes = (pid) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const sample = (body, name, labels) =>
  body
    .split('\n')
    .filter((l) => l.startsWith(name) && (!labels || l.includes(labels)))
    .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);

const sim = await startSimulator({
  faultRate: 0.2,
  rateLimit: { capacity: 40, refillMs: 10_000 },
  latencyMs: 5,
});
const port = await freePort();
const exporter = spawn(
  process.execPath,
  [
    'dist/main.js',
    `--web.listen-address=127.0.0.1:${port}`,
    `--atlas.cache-ttl=${values['cache-ttl']}`,
    '--log.level=warn',
  ],
  {
    env: {
      PATH: process.env.PATH,
      MONGODB_ATLAS_BASE_URL: sim.url,
      MONGODB_ATLAS_CLIENT_ID: sim.credentials.serviceAccount.clientId,
      MONGODB_ATLAS_CLIENT_SECRET: sim.credentials.serviceAccount.clientSecret,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  },
);
let crashes = 0;
let stopping = false;
let logLines = 0;
exporter.on('exit', () => {
  if (!stopping) crashes++;
});
exporter.stdout.on('data', (chunk) => {
  logLines += String(chunk).split('\n').length - 1;
});
exporter.stderr.on('data', (chunk) => process.stderr.write(chunk));

const base = `http://127.0.0.1:${port}`;
for (let i = 0; i < 100; i++) {
  const ready = await fetch(`${base}/-/ready`).then(
    (r) => r.ok,
    () => false,
  );
  if (ready) break;
  await sleep(100);
}

const started = Date.now();
const latencies = [];
const statuses = new Map();
let rssAfterWarmup = 0;
const rssAtStart = rssBytes(exporter.pid);
setTimeout(() => {
  rssAfterWarmup = rssBytes(exporter.pid);
  sim.resetRequests();
}, warmupMs);
let refreshesAtWarmup;
setTimeout(async () => {
  refreshesAtWarmup = sample(
    await (await fetch(`${base}/metrics`)).text(),
    'mongodbatlas_exporter_refreshes_total',
  );
}, warmupMs);

async function scraper() {
  let next = Date.now();
  while (Date.now() - started < durationMs && crashes === 0) {
    const t0 = performance.now();
    const res = await fetch(`${base}/metrics`, {
      headers: { 'X-Prometheus-Scrape-Timeout-Seconds': '10' },
    }).catch(() => undefined);
    if (res) await res.arrayBuffer();
    latencies.push(performance.now() - t0);
    const status = res?.status ?? 'error';
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    next += intervalMs;
    await sleep(Math.max(0, next - Date.now()));
  }
}
await Promise.all(Array.from({ length: scrapers }, scraper));

const final = await (await fetch(`${base}/metrics`)).text();
const refreshes = sample(final, 'mongodbatlas_exporter_refreshes_total') - (refreshesAtWarmup ?? 0);
const measuredMs = Date.now() - started - warmupMs;
const rssAtEnd = rssBytes(exporter.pid);
stopping = true;
exporter.kill('SIGTERM');
await new Promise((r) => exporter.once('exit', r));
await sim.close();

latencies.sort((a, b) => a - b);
const result = {
  minutes: Number(values.minutes),
  scrapers,
  scrapesPerSecondEach: Number(values['per-second']),
  crashes,
  scrapes: latencies.length,
  statuses: Object.fromEntries(statuses),
  scrapeP50Ms: Number(percentile(latencies, 50).toFixed(2)),
  scrapeP99Ms: Number(percentile(latencies, 99).toFixed(2)),
  refreshesAfterWarmup: refreshes,
  refreshesOneScraperWouldCause: Math.ceil(measuredMs / ttlMs),
  atlasRequestsPerRefresh: Number((sim.requests.length / Math.max(1, refreshes)).toFixed(1)),
  rssAtStartMiB: Number((rssAtStart / 2 ** 20).toFixed(1)),
  rssAfterWarmupMiB: Number((rssAfterWarmup / 2 ** 20).toFixed(1)),
  rssAtEndMiB: Number((rssAtEnd / 2 ** 20).toFixed(1)),
  rssGrowthAfterWarmupPercent: Number((((rssAtEnd - rssAfterWarmup) / rssAfterWarmup) * 100).toFixed(1)),
  exporterLogLines: logLines,
};
console.table(result);
writeFileSync('soak-result.json', `${JSON.stringify(result, null, 2)}\n`);
process.exit(crashes === 0 ? 0 : 1);
