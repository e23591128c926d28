// A size run as shards: `--shard.total` exporters and one unsharded exporter, each in a
// process of its own, against one simulator. The shards' cold refresh runs concurrently, as users
// run them, then the unsharded one alone; the steady state steps them all on one frozen clock.
// Every clock is frozen before the first read, so every exporter records the same read times and
// the shards' series can be compared with the unsharded exporter's, value for value.
import type { RequestLogEntry, SimulatorOptions } from '../simulator/index.js';
import type { Shard } from '../src/config/config.js';
import { ownsProject } from '../src/resources/projects/shard.js';
import { benchClock } from './clock.js';
import { collectorsOn } from './collectors.js';
import { at, isToken, log, MEMORY_READINGS, MINUTE, SCRAPE_TIMEOUT_MS, STEP_MS } from './common.js';
import { benchConfig } from './exporter.js';
import { type ExporterClient, startExporterProcess } from './exporter-client.js';
import type { ColdRefresh, LoopDelay, RestingMemory } from './exporter-process.js';
import { bearerToken, replay } from './floor.js';
import { againstMinimum, type EndpointCounts } from './minimum.js';
import type { ShardedResult } from './result.js';
import { clientEnv, forkRpc } from './rpc.js';
import type { StepScrape } from './scrape-client.js';
import type { SeriesComparison } from './series.js';
import { startSimProcess } from './sim-client.js';
import { countBy, mib, percentile, round } from './stats.js';

export interface ShardedParams {
  label: string;
  size: SimulatorOptions;
  sim: Partial<SimulatorOptions>;
  /** the flags every exporter gets; the shards get --shard.index and --shard.total besides */
  flags: readonly string[];
  shards: number;
  latencyMs: number;
  warmupMinutes: number;
  events: { count: number; unscheduled: number };
  /** replay the unsharded exporter's cold requests too (as long again as its cold refresh) */
  wholeFloor: boolean;
}

const GROUP_IN_PATH = /\/groups\/([0-9a-f]{24})(?:\/|$)/;

/**
 * The shards' requests apart, from the one simulator's log: by the project in the path; the
 * projects list, which every shard reads whole, dealt out in turn.
 */
export function byShard(entries: readonly RequestLogEntry[], shards: readonly Shard[]): RequestLogEntry[][] {
  const out = shards.map((): RequestLogEntry[] => []);
  const owner = new Map<string, number>();
  let dealt = 0;
  for (const e of entries) {
    if (isToken(e)) continue;
    const groupId = GROUP_IN_PATH.exec(e.path)?.[1];
    if (groupId === undefined) {
      out[dealt++ % shards.length]?.push(e);
      continue;
    }
    let index = owner.get(groupId);
    if (index === undefined) {
      index = shards.findIndex((s) => ownsProject(s, groupId));
      owner.set(groupId, index);
    }
    out[index]?.push(e);
  }
  return out;
}

interface Column {
  name: string;
  shard: Shard;
  exporter: ExporterClient;
  cold?: ColdRefresh;
  coldApi: RequestLogEntry[];
  floorMs?: number;
  steadySent: RequestLogEntry[];
  refreshes: number;
  lastEnd?: number;
  refreshScrapeMs: number[];
  idleScrapeMs: number[];
  memoryAt: Record<number, RestingMemory>;
  steadyLoop?: LoopDelay;
  peakRss?: number;
}

export async function runSharded(p: ShardedParams): Promise<ShardedResult> {
  const wallStart = performance.now();
  const sim = await startSimProcess({
    options: { ...p.size, ...p.sim, latencyMs: p.latencyMs },
    events: {
      fromMs: (p.warmupMinutes + 10) * MINUTE,
      toMs: (p.warmupMinutes + 50) * MINUTE,
      count: p.events.count,
      unscheduled: p.events.unscheduled,
    },
  });
  const clock = benchClock();
  clock.freeze();
  await sim.setNow(clock.now());
  const scraper = await forkRpc<boolean>(new URL('./scrape-load.js', import.meta.url), {}, clientEnv());
  const shards: Shard[] = Array.from({ length: p.shards }, (_, index) => ({ index, total: p.shards }));
  const unsharded: Shard = { index: 0, total: 1 };
  const column = async (name: string, shard: Shard, flags: string[]): Promise<Column> => ({
    name,
    shard,
    exporter: await startExporterProcess(sim.url, sim.credentials, [...p.flags, ...flags], clock.now()),
    coldApi: [],
    steadySent: [],
    refreshes: 1,
    refreshScrapeMs: [],
    idleScrapeMs: [],
    memoryAt: {},
  });
  const parts: Column[] = [];
  for (const s of shards)
    parts.push(await column(`shard ${s.index}`, s, [`--shard.index=${s.index}`, `--shard.total=${s.total}`]));
  const whole = await column('unsharded', unsharded, []);
  const columns = [...parts, whole];
  const shape = await sim.shape();
  log(`${p.label}: ${JSON.stringify(shape)}, ${p.shards} shards`);

  // 1. Cold refresh: the shards together, then the unsharded exporter alone.
  await sim.resetRequests();
  const partsCold = await Promise.all(parts.map((c) => c.exporter.start()));
  const partsLog = await sim.requests();
  await sim.resetRequests();
  byShard(partsLog, shards).forEach((sent, i) => {
    const c = parts[i] as Column;
    c.cold = partsCold[i];
    c.coldApi = sent;
  });
  log(
    `${p.label}: shards' cold refresh ${partsCold.map((c) => round(c.wallMs / 1000, 1)).join(' / ')} s, ${partsLog.length} requests`,
  );
  whole.cold = await whole.exporter.start();
  const wholeLog = await sim.requests();
  whole.coldApi = wholeLog.filter((e) => !isToken(e));
  log(
    `${p.label}: unsharded cold refresh ${round(whole.cold.wallMs / 1000, 1)} s, ${whole.coldApi.length} requests`,
  );
  const tokenRequests = [...partsLog, ...wholeLog].filter(isToken).length;

  // 2. Floors: each shard's requests replayed by a bare client, the shards together again.
  const token = await bearerToken(sim.url, sim.credentials);
  const concurrency = whole.cold.maxConcurrency;
  const floors = await Promise.all(parts.map((c) => replay(sim.url, token, c.coldApi, concurrency)));
  floors.forEach((f, i) => {
    (parts[i] as Column).floorMs = f.ms;
  });
  if (p.wholeFloor) whole.floorMs = (await replay(sim.url, token, whole.coldApi, concurrency)).ms;
  log(
    `${p.label}: floors ${columns.map((c) => (c.floorMs === undefined ? '–' : round(c.floorMs / 1000, 1))).join(' / ')} s`,
  );
  const urls = (cs: readonly Column[]) => cs.map((c) => `${c.cold?.url}${c.cold?.telemetryPath}`);
  const [wholeUrl = ''] = urls([whole]);
  const compare = () =>
    scraper.call<SeriesComparison & { wholeBytes: number; partBytes: number[] }>('compare', {
      parts: urls(parts),
      whole: wholeUrl,
    });
  const afterCold = await compare();
  log(`${p.label}: after the cold refresh ${describe(afterCold)}`);

  // 3. Steady state: 30 s steps at latency 0, every exporter scraped at each; the shards together.
  await sim.setLatency(0);
  const simRssAt: Record<number, number> = { 1: await sim.rss() };
  for (const c of columns) {
    c.memoryAt[1] = await c.exporter.memoryAtRest(true);
    c.lastEnd = await c.exporter.lastRefreshEndMs();
  }
  const ttl = whole.cold.cacheTtlMs;
  const measureFromStep = (p.warmupMinutes * MINUTE) / STEP_MS;
  const totalSteps = measureFromStep + (60 * MINUTE) / STEP_MS;
  const refreshesAtStart = new Map<Column, number>();
  await sim.resetRequests();
  let steadyTokens = 0;
  const scrape = (c: Column) =>
    scraper.call<StepScrape>('scrape', { url: urls([c])[0], watch: [] }).then((r) => {
      if (r.status !== 200) throw new Error(`${c.name}: scrape ${r.status}`);
      return r;
    });
  for (let step = 1; step <= totalSteps; step++) {
    const measuring = step > measureFromStep;
    if (step === measureFromStep + 1) {
      for (const c of columns) {
        refreshesAtStart.set(c, c.refreshes);
        await c.exporter.loopStart();
      }
      log(`${p.label}: warm-up done, measuring an hour`);
    }
    clock.advance(STEP_MS);
    await sim.tick(clock.now());
    await Promise.all(columns.map((c) => c.exporter.setNow(clock.now())));
    const partScrapes = await Promise.all(parts.map(scrape));
    const partsSent = await sim.requests();
    await sim.resetRequests();
    const wholeScrape = await scrape(whole);
    const wholeSent = await sim.requests();
    await sim.resetRequests();
    if (measuring) {
      steadyTokens += [...partsSent, ...wholeSent].filter(isToken).length;
      for (const [i, sent] of byShard(partsSent, shards).entries()) {
        const c = parts[i] as Column;
        c.steadySent = c.steadySent.concat(sent);
      }
      whole.steadySent = whole.steadySent.concat(wholeSent.filter((e) => !isToken(e)));
    }
    const scrapes = [...partScrapes, wholeScrape];
    for (const [i, c] of columns.entries()) {
      const ms = (scrapes[i] as StepScrape).ms;
      const end = await c.exporter.lastRefreshEndMs();
      if (end === c.lastEnd) {
        c.idleScrapeMs.push(ms);
        continue;
      }
      c.lastEnd = end;
      c.refreshes++;
      c.refreshScrapeMs.push(ms);
      if (MEMORY_READINGS.includes(c.refreshes)) {
        c.memoryAt[c.refreshes] = await c.exporter.memoryAtRest();
        if (c === whole) simRssAt[c.refreshes] = await sim.rss();
      }
    }
  }
  for (const c of columns) {
    c.steadyLoop = await c.exporter.loopStop();
    c.peakRss = await c.exporter.peakRss();
  }
  const afterHour = await compare();
  log(`${p.label}: after the hour ${describe(afterHour)}`);
  const warnings = await Promise.all(columns.map((c) => c.exporter.warnings()));
  for (const c of columns) await c.exporter.close();
  const sharded = (c: Column) => (c.shard.total > 1 ? c.shard : undefined);
  const shapes = await Promise.all(columns.map((c) => sim.shape(sharded(c))));
  const on = collectorsOn(benchConfig(sim.url, sim.credentials, p.flags));
  const minimums = await Promise.all(columns.map((c) => sim.minimum(on, sharded(c))));
  await sim.close();
  await scraper.close();
  return {
    size: p.label,
    shards: p.shards,
    world: { ...shape, serverlessRetired: p.sim.serverlessRetired ?? false },
    scrapeTimeoutMs: SCRAPE_TIMEOUT_MS,
    cacheTtlMs: ttl,
    maxConcurrency: concurrency,
    warmupMinutes: p.warmupMinutes,
    tokenRequests: { cold: tokenRequests, steadyHour: steadyTokens },
    series: { afterCold, afterHour },
    columns: columns.map((c, i) => {
      const sent = countBy(c.coldApi, (e) => e.endpoint);
      const cold = c.cold as ColdRefresh;
      const min = minimums[i] as EndpointCounts;
      const memory = (pick: (m: RestingMemory) => number) =>
        at(Object.fromEntries(Object.entries(c.memoryAt).map(([n, m]) => [n, pick(m)])));
      return {
        name: c.name,
        shard: c.shard,
        world: shapes[i] as typeof shape,
        cold: {
          result: cold.result,
          ...againstMinimum(sent, min),
          byEndpoint: sent,
          wallMs: round(cold.wallMs),
          floorMs: c.floorMs === undefined ? null : round(c.floorMs),
          ratio: c.floorMs === undefined ? null : round(cold.wallMs / c.floorMs, 2),
          eventLoopP99Ms: cold.loop.p99Ms,
          eventLoopMaxMs: cold.loop.maxMs,
        },
        steady: {
          requestsPerHour: c.steadySent.length,
          byEndpoint: countBy(c.steadySent, (e) => e.endpoint),
          refreshesPerHour: c.refreshes - (refreshesAtStart.get(c) ?? 0),
          refreshScrapeP50Ms: round(percentile(c.refreshScrapeMs, 50)),
          idleScrapeP50Ms: round(percentile(c.idleScrapeMs, 50)),
          eventLoopP99Ms: c.steadyLoop?.p99Ms,
          eventLoopMaxMs: c.steadyLoop?.maxMs,
          warnings: warnings[i],
        },
        memory: {
          rssBeforeExporterMiB: mib(cold.rssBefore),
          readingsAfterRefresh: MEMORY_READINGS,
          rssAfterMiB: memory((m) => m.rss),
          releasePauseMs: MEMORY_READINGS.map((n) => c.memoryAt[n]?.releasePauseMs ?? 0),
          peakRssMiB: mib(c.peakRss ?? 0),
          heapAfterMiB: memory((m) => m.heapUsed),
          heapCommittedAfterMiB: memory((m) => m.heapTotal),
          arrayBuffersAfterMiB: memory((m) => m.arrayBuffers),
        },
      };
    }),
    simulatorRssAfterMiB: at(simRssAt),
    benchSeconds: round((performance.now() - wallStart) / 1000),
  };
}

function describe(c: SeriesComparison): string {
  const equal = c.missing === 0 && c.extra === 0 && c.inTwoParts === 0;
  return `${equal ? 'equal' : 'DIFFERENT'}: ${c.partSeries.join(' + ')} shard series, ${c.wholeSeries} unsharded; ${c.inTwoParts} in two shards, ${c.missing} missing, ${c.extra} extra`;
}
