// The benchmark: npm run bench [-- --sizes S,M,L --latency 50 --restore-jobs --all-collectors --out .bench/result.json],
// and the sharded XL: npm run bench -- --sizes XL
// Without --size it runs each size in a child process of its own (this script with --size) and
// prints the table; with --size it measures that size and sends its result to the parent.
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type ELDHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { writeHeapSnapshot } from 'node:v8';
import { request } from 'undici';
import type { RequestLogEntry, SimulatorOptions } from '../simulator/index.js';
import { benchClock } from './clock.js';
import { ALL_COLLECTORS, collectorsOn } from './collectors.js';
import { at, isToken, log, MEMORY_READINGS, MINUTE, STEP_MS } from './common.js';
import type { BackupEvent } from './events.js';
import { type BenchExporter, startBenchExporter } from './exporter.js';
import { parseExposition, startFloorServer } from './exposition.js';
import { bearerToken } from './floor.js';
import { measureLanding } from './landing.js';
import { againstMinimum } from './minimum.js';
import type { ShardedResult, SizeResult } from './result.js';
import { clientEnv, forkRpc, type RpcChild } from './rpc.js';
import type { Fired, ScrapeStatus, StepScrape } from './scrape-client.js';
import type { ScrapeSample, SeriesSample } from './scrape-load.js';
import { ownWait, type PastLanding, pastLanding, watchAnswers } from './scrape-tail.js';
import { runSharded } from './sharded.js';
import { printShardedTable } from './sharded-table.js';
import { startSimProcess } from './sim-client.js';
import { SIZES } from './sizes.js';
import { atRest, countBy, type MemoryReading, memoryAfterGc, mib, percentile, round, rss } from './stats.js';
import { printTable } from './table.js';

/** Sizes run as this many shards, each exporter in a process of its own (`bench/sharded.ts`). */
const SHARDED: Record<string, number> = { XL: 4 };

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: 'S,M,L' },
    size: { type: 'string' },
    latency: { type: 'string', default: '50' },
    scrapes: { type: 'string', default: '50' },
    'warmup-minutes': { type: 'string', default: '60' },
    events: { type: 'string', default: '12' },
    unscheduled: { type: 'string', default: '2' },
    serverless: { type: 'string', default: 'gone' },
    variant: { type: 'string' },
    out: { type: 'string', default: '.bench/result.json' },
    // the exporter with --collector.restore-jobs: one more list per cluster with backup
    'restore-jobs': { type: 'boolean', default: false },
    // a second column per size with every collector switched on
    'all-collectors': { type: 'boolean', default: false },
    // run any size as this many shards (XL: 4 without it); 1: as one exporter
    shards: { type: 'string' },
    // sharded sizes: also replay the unsharded exporter's cold requests, as long again as its refresh
    'unsharded-floor': { type: 'boolean', default: false },
    // write .bench/<size>-refresh-20.heapsnapshot at the last memory reading
    'heap-snapshot': { type: 'boolean', default: false },
  },
});
const RESTORE_JOBS = values['restore-jobs'] ?? false;
/** the flags every column's exporters get, besides the variant's */
const EXPORTER_FLAGS = RESTORE_JOBS ? ['--collector.restore-jobs'] : [];
const LATENCY_MS = Number(values.latency);
const SCRAPES = Number(values.scrapes);
const WARMUP_MIN = Number(values['warmup-minutes']);
/** warm refreshes whose event loop is watched: the target asks for n >= 5 */
const SAMPLED_REFRESHES = 5;
/** how often scrapes are sent while a sampled refresh runs */
const SAMPLE_EVERY_MS = 100;
/** background mode: how long scrapes go on after a refresh lands, while its page is built */
const AFTER_LANDING_MS = 500;

/** What a column runs besides its size: the simulator's Atlas and the flags both exporters get. */
interface Variant {
  readonly sim: Partial<SimulatorOptions>;
  readonly flags: readonly string[];
  /** the kinds Atlas still serves: read-all reads only those */
  readonly servedKinds: string;
}

/**
 * Today's Atlas by default: serverless retired, its list answering 410 (`--serverless gone`);
 * `--serverless live` is the world before 2026-01-15. One column per size per variant: a variant
 * of the same world (e.g. restore jobs on) is one more entry here, labelled after the size.
 * `--all-collectors` adds one with every collector switch the exporter has on.
 */
function variants(): Record<string, Variant> {
  if (values.serverless !== 'gone' && values.serverless !== 'live')
    throw new Error(`--serverless: want gone or live, got ${values.serverless}`);
  const live = values.serverless === 'live';
  const today: Variant = {
    sim: live ? {} : { serverlessRetired: 'gone' },
    flags: [],
    servedKinds: live ? 'flex,serverless,dedicated' : 'flex,dedicated',
  };
  if (!values['all-collectors']) return { '': today };
  return { '': today, 'all-collectors': { ...today, flags: ALL_COLLECTORS } };
}
const VARIANTS = variants();
/** A column's exporter flags: everyone's and its variant's, each once. */
const flagsOf = (variant: Variant) => [...new Set([...EXPORTER_FLAGS, ...variant.flags])];

async function get(url: string, headers: Record<string, string> = {}) {
  const t0 = performance.now();
  const res = await request(url, { headers });
  const buffer = Buffer.from(await res.body.arrayBuffer());
  return { ms: performance.now() - t0, status: res.statusCode, buffer };
}

/** p50/p99 of `n` scrapes after a short warm-up, and the last body. */
async function scrapeSeries(url: string, n: number, gzip: boolean) {
  const headers: Record<string, string> = gzip ? { 'accept-encoding': 'gzip' } : {};
  for (let i = 0; i < 3; i++) await get(url, headers);
  const ms: number[] = [];
  let last = Buffer.alloc(0);
  for (let i = 0; i < n; i++) {
    const r = await get(url, headers);
    if (r.status !== 200) throw new Error(`scrape ${url}: ${r.status}`);
    ms.push(r.ms);
    last = r.buffer;
  }
  return { p50: percentile(ms, 50), p99: percentile(ms, 99), bytes: last.length, body: last };
}

/** p50/p99 of SCRAPES scrapes made by the scrape-load process, and the last body's text. */
async function seriesFromScraper(scraper: RpcChild<boolean>, url: string, gzip: boolean) {
  const s = await scraper.call<SeriesSample>('series', { url, n: SCRAPES, gzip, body: !gzip });
  return { p50: percentile(s.ms, 50), p99: percentile(s.ms, 99), bytes: s.bytes, body: s.body };
}

/** Adds one refresh's answers to those of the refreshes before. */
function addTo(all: PastLanding, one: PastLanding): void {
  all.joined.push(...one.joined);
  all.after.push(...one.after);
  all.before.push(...one.before);
}

function waitOf(tail: PastLanding): SizeResult['steady']['exporterWait'] {
  const ms = ownWait(tail);
  return {
    joined: tail.joined.length,
    after: tail.after.length,
    answeredBefore: tail.before.length,
    p50Ms: round(percentile(ms, 50)),
    p99Ms: round(percentile(ms, 99)),
    maxMs: round(Math.max(...ms)),
  };
}

/**
 * An exporter in `--atlas.refresh-mode background` on the same world, after its cold refresh:
 * SAMPLED_REFRESHES warm refreshes started as its timer starts them, the first after a recheck
 * interval (the recheck of every list, as the first sampled one of the steady state), the
 * others a cache-ttl apart, each scraped every SAMPLE_EVERY_MS from its start until
 * AFTER_LANDING_MS after it landed.
 */
async function sampleBackground(
  sim: Awaited<ReturnType<typeof startSimProcess>>,
  scraper: RpcChild<boolean>,
  clock: ReturnType<typeof benchClock>,
  flags: string[],
): Promise<SizeResult['background']> {
  const coldStart = performance.now();
  const { exporter, config } = await startBenchExporter(sim.url, sim.credentials, clock.now, flags);
  await exporter.collector.refreshNow();
  const coldMs = performance.now() - coldStart;
  const url = `${exporter.url}${config.web.telemetryPath}`;
  // As Prometheus would have in the recheck interval before: the first page is made, so the
  // sampled scrapes measure the warm refreshes, not a wait for the very first page.
  await scraper.call('scrape', { url, watch: [] });
  const during: number[] = [];
  const statuses: ScrapeStatus[] = [];
  const wallMs: number[] = [];
  for (let i = 0; i < SAMPLED_REFRESHES; i++) {
    clock.advance(i === 0 ? config.atlas.snapshotRecheckIntervalMs : config.atlas.cacheTtlMs);
    await sim.setNow(clock.now());
    await scraper.call('fire', { url, everyMs: SAMPLE_EVERY_MS });
    const t0 = performance.now();
    await exporter.collector.refreshNow();
    wallMs.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, AFTER_LANDING_MS));
    const fired = await scraper.call<Fired>('stopFiring');
    during.push(...fired.during);
    statuses.push(...fired.statuses);
  }
  await exporter.close();
  return {
    coldMs: round(coldMs),
    sampledRefreshes: SAMPLED_REFRESHES,
    afterLandingMs: AFTER_LANDING_MS,
    refreshWallP50Ms: round(percentile(wallMs, 50)),
    scrapeCount: during.length,
    scrapeP50Ms: round(percentile(during, 50)),
    scrapeP99Ms: round(percentile(during, 99)),
    scrapeMaxMs: round(Math.max(...during)),
    scrapeStatuses: countBy(statuses, String),
  };
}

const growth = (readings: Record<number, number>, from: number, to: number) =>
  round(((readings[to] ?? 0) - (readings[from] ?? 0)) / (readings[from] ?? 1), 3);

async function runSize(label: string, size: SimulatorOptions, variant: Variant): Promise<SizeResult> {
  const wallStart = performance.now();
  const clock = benchClock();
  const sim = await startSimProcess({
    options: { ...size, ...variant.sim, latencyMs: LATENCY_MS },
    events: {
      fromMs: (WARMUP_MIN + 10) * MINUTE,
      toMs: (WARMUP_MIN + 50) * MINUTE,
      count: Number(values.events),
      unscheduled: Number(values.unscheduled),
    },
  });
  const scraper = await forkRpc<boolean>(new URL('./scrape-load.js', import.meta.url), {}, clientEnv());
  const shape = await sim.shape();
  log(`${label}: ${JSON.stringify(shape)}`);
  const rssBefore = rss();

  // 1. Cold refresh at the given latency; the event loop watched throughout.
  const coldLoop = monitorEventLoopDelay({ resolution: 5 });
  coldLoop.enable();
  const t0 = performance.now();
  const adaptive: BenchExporter = await startBenchExporter(
    sim.url,
    sim.credentials,
    clock.now,
    flagsOf(variant),
  );
  const { exporter, config } = adaptive;
  await exporter.collector.refreshNow();
  const coldMs = performance.now() - t0;
  coldLoop.disable();
  clock.freeze();
  await sim.setNow(clock.now());
  const coldResult = exporter.collector.state().lastResult;
  const releasePauseAt: Record<number, number> = { 1: await atRest(true) };
  const memoryAt: Record<number, MemoryReading> = { 1: memoryAfterGc() };
  const coldLog = await sim.requests();
  const coldApi = coldLog.filter((e) => !isToken(e));
  const sent = countBy(coldApi, (e) => e.endpoint);
  const {
    minimum: minimumTotal,
    equal,
    differences,
  } = againstMinimum(sent, await sim.minimum(collectorsOn(config)));
  log(
    `${label}: cold refresh ${round(coldMs / 1000, 2)} s, ${coldApi.length} requests (minimum ${minimumTotal})`,
  );

  // 2. The floor: the same requests from a bare undici client at the same concurrency.
  const token = await bearerToken(sim.url, sim.credentials);
  const floor = await scraper.call<{ ms: number; failed: number }>('replay', {
    url: sim.url,
    token,
    entries: coldApi,
    concurrency: config.atlas.maxConcurrency,
  });
  log(`${label}: floor ${round(floor.ms / 1000, 2)} s`);
  // The replay ran in the scrape-load process: this reading shows the bench process did not grow.
  const afterFloor = memoryAfterGc();
  const metricsUrl = `${exporter.url}${config.web.telemetryPath}`;

  // 3. Steady state: 30 s steps of a frozen clock, latency 0, scraped like Prometheus.
  await sim.setLatency(0);
  await sim.resetRequests();
  const ttl = config.atlas.cacheTtlMs;
  const measureFromStep = (WARMUP_MIN * MINUTE) / STEP_MS;
  const totalSteps = measureFromStep + (60 * MINUTE) / STEP_MS;
  let refreshes = 1;
  let lastEnd = exporter.collector.state().lastRefreshEndMs;
  let measuredRefreshes = 0;
  const simHeapAt: Record<number, number> = { 1: await sim.heapUsed() };
  const simRssAt: Record<number, number> = { 1: await sim.rss() };
  const warmLoops: ELDHistogram[] = [];
  const during: number[] = [];
  const duringStatuses: ScrapeStatus[] = [];
  let stepResets = 0;
  const refreshScrapeMs: number[] = [];
  let sampledRefreshes = 0;
  const tail: PastLanding = { joined: [], after: [], before: [] };
  const pending: BackupEvent[] = [];
  const seen: Array<BackupEvent & { delayMs: number }> = [];
  let measured: RequestLogEntry[] = [];
  // After the hour, steps go on (not counted) until every event is seen or a recheck interval
  // and a cache-ttl have passed, so a late event's delay is measured rather than cut off.
  const lastStep = totalSteps + (config.atlas.snapshotRecheckIntervalMs + ttl) / STEP_MS;
  for (let step = 1; step <= totalSteps || (pending.length > 0 && step <= lastStep); step++) {
    if (step === measureFromStep + 1) {
      await sim.resetRequests();
      measuredRefreshes = refreshes;
    }
    clock.advance(STEP_MS);
    pending.push(...(await sim.tick(clock.now())));
    const refreshing = clock.now() - (exporter.collector.state().lastRefreshEndMs ?? 0) >= ttl;
    // Scrapes that arrive while a refresh runs: five refreshes (n >= 5) from the end of the warm-up hour,
    // the first of them the hourly recheck of every list read at start-up, the heaviest one.
    // Every scrape of the steady state, the step's own and those, comes from the scrape-load
    // process, which also checks which pending events the step's body shows: this process holds
    // no /metrics body, and its thread runs only the exporter while the event loop is watched.
    const sample = refreshing && step >= measureFromStep && sampledRefreshes < SAMPLED_REFRESHES;
    let stepScrape: StepScrape;
    if (sample) {
      sampledRefreshes++;
      // A monitor per refresh: one re-enabled records the whole time it was off as a single delay.
      const warmLoop = monitorEventLoopDelay({ resolution: 5 });
      warmLoop.enable();
      const { answers, stop } = watchAnswers(exporter.server);
      // Started here, as the step's scrape would start it (the same refreshNow), so that its
      // landing is stamped in this process's clock, the one the answers are stamped in.
      const landed = exporter.collector.refreshNow().then(() => performance.now());
      const s = await scraper.call<ScrapeSample>('sample', {
        url: metricsUrl,
        everyMs: SAMPLE_EVERY_MS,
        watch: pending,
      });
      warmLoop.disable();
      warmLoops.push(warmLoop);
      stop();
      addTo(tail, pastLanding(answers, await landed));
      during.push(...s.during);
      duringStatuses.push(...s.statuses);
      stepScrape = s.main;
    } else {
      stepScrape = await scraper.call<StepScrape>('scrape', { url: metricsUrl, watch: pending });
    }
    stepResets += stepScrape.resets;
    if (stepScrape.status !== 200) throw new Error(`step ${step}: scrape ${stepScrape.status}`);
    const end = exporter.collector.state().lastRefreshEndMs;
    if (end !== lastEnd) {
      lastEnd = end;
      refreshes++;
      refreshScrapeMs.push(stepScrape.ms);
      if (MEMORY_READINGS.includes(refreshes)) {
        releasePauseAt[refreshes] = await atRest();
        memoryAt[refreshes] = memoryAfterGc();
        if (refreshes === MEMORY_READINGS.at(-1) && values['heap-snapshot'])
          log(
            `${label}: heap snapshot ${writeHeapSnapshot(`.bench/${label}-refresh-${refreshes}.heapsnapshot`)}`,
          );
        simHeapAt[refreshes] = await sim.heapUsed();
        simRssAt[refreshes] = await sim.rss();
      }
    }
    if (stepScrape.visible.length > 0) {
      for (const e of stepScrape.visible.map((i) => pending[i] as BackupEvent)) {
        seen.push({ ...e, delayMs: clock.now() - (e.appliedMs ?? 0) });
        pending.splice(pending.indexOf(e), 1);
      }
    }
    if (step === totalSteps) {
      measured = await sim.requests();
      measuredRefreshes = refreshes - measuredRefreshes;
    }
  }
  const measuredApi = measured.filter((e) => !isToken(e));
  const exporterWait = waitOf(tail);
  log(
    `${label}: sampled refreshes, the exporter's own wait p99 ${exporterWait.p99Ms} ms, max ${exporterWait.maxMs} ms`,
  );
  const events = await sim.events();
  // 5. /metrics from the cache (the clock stands still: the last scrape left it fresh) against a
  // bare encoder of the same samples. After the RSS readings, so its garbage does not count there.
  // Both from the scrape-load process, as Prometheus scrapes from a process of its own.
  const plain = await seriesFromScraper(scraper, metricsUrl, false);
  const gzip = await seriesFromScraper(scraper, metricsUrl, true);
  const families = parseExposition(plain.body);
  const series = families.reduce((n, f) => n + f.samples.length, 0);
  const floorServer = await startFloorServer(families);
  const floorPlain = await seriesFromScraper(scraper, floorServer.url, false);
  const floorGzip = await seriesFromScraper(scraper, floorServer.url, true);
  await new Promise((r) => floorServer.server.close(r));
  log(`${label}: /metrics p50 ${round(plain.p50)} ms (floor ${round(floorPlain.p50)} ms), ${series} series`);
  // The landing page from the same cached state: rendered in-process, then as GET / over HTTP.
  const landing = await measureLanding(exporter.collector.state(), clock.now(), SCRAPES);
  const landingHttp = await scrapeSeries(`${exporter.url}/`, SCRAPES, false);
  log(
    `${label}: landing page render p50 ${round(landing.prepared.p50)} ms (${round(landing.unprepared.p50)} ms unprepared), GET / p50 ${round(landingHttp.p50)} ms`,
  );

  const warnings = adaptive.warnings.length;
  const memory = (pick: (m: MemoryReading) => number) =>
    Object.fromEntries(Object.entries(memoryAt).map(([n, m]) => [n, pick(m)]));
  const rssAt = memory((m) => m.rss);
  await exporter.close();
  log(`${label}: steady hour ${measuredApi.length} requests in ${measuredRefreshes} refreshes`);

  // 6. The same hour if every list Atlas still serves were read on every refresh: one warm
  // refresh of such an exporter.
  const readAll = await startBenchExporter(sim.url, sim.credentials, clock.now, [
    ...flagsOf(variant),
    '--atlas.snapshot-recheck-interval=0s',
    `--atlas.cluster-kinds=${variant.servedKinds}`,
  ]);
  await readAll.exporter.collector.refreshNow();
  await sim.resetRequests();
  clock.advance(ttl);
  await sim.setNow(clock.now());
  await get(`${readAll.exporter.url}${config.web.telemetryPath}`, {
    'x-prometheus-scrape-timeout-seconds': '600',
  });
  const readAllLog = (await sim.requests()).filter((e) => !isToken(e));
  const readAllPerRefresh = readAllLog.length;
  await readAll.exporter.close();

  // 7. The same sampled warm refreshes in background mode, where no scrape waits for one.
  const backgroundStart = performance.now();
  const background = await sampleBackground(sim, scraper, clock, [
    ...flagsOf(variant),
    '--atlas.refresh-mode=background',
  ]);
  log(
    `${label}: background mode, scrape p99 ${background.scrapeP99Ms} ms during ${SAMPLED_REFRESHES} refreshes (${round((performance.now() - backgroundStart) / 1000)} s, its cold refresh ${round(background.coldMs / 1000)} s)`,
  );
  await sim.close();
  await scraper.close();
  const readAllPerHour = readAllPerRefresh * Math.round((60 * MINUTE) / ttl);

  const scheduled = events.filter((e) => e.scheduled);
  const delays = (list: readonly BackupEvent[]) =>
    list.map(
      (e) => seen.find((s) => s.name === e.name && s.groupId === e.groupId && s.kind === e.kind)?.delayMs,
    );
  const scheduledDelays = delays(scheduled);
  const unscheduledDelays = delays(events.filter((e) => !e.scheduled));
  const maxDelay = (d: Array<number | undefined>) =>
    d.some((x) => x === undefined) ? Number.POSITIVE_INFINITY : Math.max(0, ...(d as number[]));
  return {
    size: label,
    world: { ...shape, serverlessRetired: variant.sim.serverlessRetired ?? false },
    cold: {
      result: coldResult,
      requests: coldApi.length,
      tokenRequests: coldLog.length - coldApi.length,
      minimum: minimumTotal,
      equal,
      differences,
      byEndpoint: sent,
      wallMs: round(coldMs),
      floorMs: round(floor.ms),
      floorMismatchedStatuses: floor.failed,
      ratio: round(coldMs / floor.ms, 2),
      eventLoopP99Ms: round(coldLoop.percentile(99) / 1e6),
      eventLoopMaxMs: round(coldLoop.max / 1e6),
    },
    steady: {
      recheckIntervalMs: config.atlas.snapshotRecheckIntervalMs,
      warmupMinutes: WARMUP_MIN,
      requestsPerHour: measuredApi.length,
      tokenRequestsPerHour: measured.length - measuredApi.length,
      byEndpoint: countBy(measuredApi, (e) => e.endpoint),
      refreshesPerHour: measuredRefreshes,
      readAllPerRefresh,
      readAllPerHour,
      readAllByEndpoint: countBy(readAllLog, (e) => e.endpoint),
      share: round(measuredApi.length / readAllPerHour, 3),
      scheduledEvents: scheduled.length,
      scheduledSeenWithinTtl: scheduledDelays.filter((d) => d !== undefined && d <= ttl).length,
      scheduledMaxDelayMs: maxDelay(scheduledDelays),
      unscheduledEvents: unscheduledDelays.length,
      unscheduledMaxDelayMs: maxDelay(unscheduledDelays),
      refreshScrapeP50Ms: round(percentile(refreshScrapeMs, 50)),
      scrapeDuringRefreshP50Ms: round(percentile(during, 50)),
      scrapeDuringRefreshP99Ms: round(percentile(during, 99)),
      scrapeDuringRefreshCount: during.length,
      scrapeDuringRefreshStatuses: countBy(duringStatuses, String),
      stepScrapeResets: stepResets,
      exporterWait,
      eventLoopWorstP99Ms: round(Math.max(...warmLoops.map((h) => h.percentile(99))) / 1e6),
      eventLoopMaxMs: round(Math.max(...warmLoops.map((h) => h.max)) / 1e6),
      eventLoopSampledRefreshes: warmLoops.length,
      exporterWarnings: warnings,
    },
    background,
    metrics: {
      series,
      plainBytes: plain.bytes,
      gzipBytes: gzip.bytes,
      plain: { p50: round(plain.p50, 2), p99: round(plain.p99, 2) },
      gzip: { p50: round(gzip.p50, 2), p99: round(gzip.p99, 2) },
      floorPlain: { p50: round(floorPlain.p50, 2), p99: round(floorPlain.p99, 2) },
      floorGzip: { p50: round(floorGzip.p50, 2), p99: round(floorGzip.p99, 2) },
    },
    landing: {
      clusters: landing.clusters,
      bytes: landing.bytes,
      render: { p50: round(landing.prepared.p50, 2), p99: round(landing.prepared.p99, 2) },
      unprepared: { p50: round(landing.unprepared.p50, 2), p99: round(landing.unprepared.p99, 2) },
      http: { p50: round(landingHttp.p50, 2), p99: round(landingHttp.p99, 2) },
    },
    memory: {
      gcExposed: typeof (globalThis as { gc?: unknown }).gc === 'function',
      rssBeforeExporterMiB: mib(rssBefore),
      readingsAfterRefresh: MEMORY_READINGS,
      rssAfterMiB: at(rssAt),
      releasePauseMs: MEMORY_READINGS.map((n) => releasePauseAt[n] ?? 0),
      rssOverBeforeMiB: MEMORY_READINGS.map((n) => mib((rssAt[n] ?? 0) - rssBefore)),
      growth5to10: growth(rssAt, 5, 10),
      growth10to20: growth(rssAt, 10, 20),
      heapAfterMiB: at(memory((m) => m.heapUsed)),
      heapCommittedAfterMiB: at(memory((m) => m.heapTotal)),
      externalAfterMiB: at(memory((m) => m.external)),
      arrayBuffersAfterMiB: at(memory((m) => m.arrayBuffers)),
      afterFloorMiB: { rss: mib(afterFloor.rss), heapCommitted: mib(afterFloor.heapTotal) },
      heapSpacesCommittedAfterMiB: Object.fromEntries(
        Object.keys(memoryAt[1]?.spaces ?? {}).map((space) => [
          space,
          at(memory((m) => m.spaces[space] ?? 0)),
        ]),
      ),
      simulatorHeapAfterMiB: at(simHeapAt),
      simulatorRssAfterMiB: at(simRssAt),
    },
    benchSeconds: round((performance.now() - wallStart) / 1000),
  };
}

const shardsOf = (label: string) => Number(values.shards ?? SHARDED[label] ?? 1);

/** Runs one column in a child process of its own (this script with --size) and returns its result. */
function runChild(label: string, variant: string): Promise<SizeResult | ShardedResult> {
  const args = [...process.argv.slice(2), '--size', label, '--variant', variant];
  return new Promise((resolve, reject) => {
    const child = fork(new URL(import.meta.url), args, {
      execArgv: process.execArgv,
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: SizeResult | ShardedResult | undefined;
    child.on('message', (msg: SizeResult | ShardedResult) => {
      result = msg;
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      result && code === 0 ? resolve(result) : reject(new Error(`size ${label}: child exited with ${code}`)),
    );
  });
}

if (values.size) {
  const label = values.size.trim();
  const size = SIZES[label];
  if (!size) throw new Error(`unknown size ${label}; use S, M, L, XL`);
  if (!process.send) throw new Error('--size runs as a child of the bench');
  const variant = VARIANTS[values.variant ?? ''];
  if (!variant) throw new Error(`unknown variant ${values.variant}`);
  const column = [label, values.variant].filter(Boolean).join(' ');
  const shards = shardsOf(label);
  const result =
    shards > 1
      ? await runSharded({
          label: column,
          size,
          sim: variant.sim,
          flags: flagsOf(variant),
          shards,
          latencyMs: LATENCY_MS,
          warmupMinutes: WARMUP_MIN,
          events: { count: Number(values.events), unscheduled: Number(values.unscheduled) },
          wholeFloor: values['unsharded-floor'] ?? false,
        })
      : await runSize(column, size, variant);
  process.send(result, () => process.exit(0));
} else {
  const results: SizeResult[] = [];
  const sharded: ShardedResult[] = [];
  for (const label of (values.sizes ?? '').split(',')) {
    if (!SIZES[label.trim()]) throw new Error(`unknown size ${label}; use S, M, L, XL`);
    if (!(shardsOf(label.trim()) >= 1))
      throw new Error(`--shards: want a whole number ≥ 1, got ${values.shards}`);
    for (const variant of Object.keys(VARIANTS)) {
      const r = await runChild(label.trim(), variant);
      if ('shards' in r) sharded.push(r);
      else results.push(r);
    }
  }
  const machine = {
    cpus: (await import('node:os')).cpus().length,
    node: process.version,
    latencyMs: LATENCY_MS,
    restoreJobs: RESTORE_JOBS,
    allCollectors: values['all-collectors'] ?? false,
  };
  if (results.length > 0) printTable(results, machine);
  for (const r of sharded) printShardedTable(r, machine);
  mkdirSync(dirname(values.out ?? '.'), { recursive: true });
  writeFileSync(
    values.out ?? '.bench/result.json',
    `${JSON.stringify({ machine, results, sharded }, null, 2)}\n`,
  );
  log(`written ${values.out}`);
}
