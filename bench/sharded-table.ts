import { markdown, ms, s, x } from './format.js';
import type { ShardedResult } from './result.js';
import type { SeriesComparison } from './series.js';
import { round } from './stats.js';

type Column = ShardedResult['columns'][number];

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const mib = (v: number) => `${round(v, 1)} MiB`;
/** the shards' total against the unsharded exporter's */
const more = (shards: number, unsharded: number) =>
  `unsharded +${shards - unsharded} (+${round(((shards - unsharded) / unsharded) * 100, 2)}%)`;
const equality = (c: SeriesComparison) =>
  c.missing === 0 && c.extra === 0 && c.inTwoParts === 0
    ? `equal (${c.wholeSeries})`
    : `DIFFERENT: ${c.missing} missing, ${c.extra} extra, ${c.inTwoParts} in two shards`;

/**
 * One row per measure; a column per shard, the shards together (sums; for walls the longest, as
 * they ran at once), and the unsharded exporter.
 */
export function shardedRows(r: ShardedResult): string[][] {
  const parts = r.columns.filter((c) => c.shard.total > 1);
  const whole = r.columns.find((c) => c.shard.total === 1) as Column;
  const readings = whole.memory.readingsAfterRefresh.join(' / ');
  const row = (name: string, target: string, cell: (c: Column) => string, together: string) => [
    name,
    target,
    ...parts.map(cell),
    together,
    cell(whole),
  ];
  const over = (v: number, limit: number) => x(v / limit);
  const coldWalls = parts.map((c) => c.cold.wallMs);
  const floors = parts.map((c) => c.cold.floorMs ?? 0);
  const hour = r.series.afterHour;
  return [
    row(
      'world: projects / flex / dedicated',
      '',
      (c) => `${c.world.projects} / ${c.world.flex} / ${c.world.dedicated}`,
      `${sum(parts.map((c) => c.world.projects))} / ${sum(parts.map((c) => c.world.flex))} / ${sum(parts.map((c) => c.world.dedicated))}`,
    ),
    row(
      'cold refresh: API requests / minimum (shards: own projects + the projects list)',
      'equal',
      (c) =>
        `${c.cold.requests} / ${c.cold.minimum} ${c.cold.equal ? '(=)' : `(${x(c.cold.requests / c.cold.minimum)})`}`,
      `${sum(parts.map((c) => c.cold.requests))} / ${sum(parts.map((c) => c.cold.minimum))} ${parts.every((c) => c.cold.equal) ? '(=)' : '(≠)'}; ${more(sum(parts.map((c) => c.cold.requests)), whole.cold.requests)}`,
    ),
    row(
      'cold refresh: wall / floor (shards at once)',
      '≤ 1.15×',
      (c) =>
        c.cold.floorMs === null
          ? `${s(c.cold.wallMs)} / – (--unsharded-floor)`
          : `${s(c.cold.wallMs)} / ${s(c.cold.floorMs)} = ${x(c.cold.ratio ?? 0)}`,
      `longest ${s(Math.max(...coldWalls))} / ${s(Math.max(...floors))}`,
    ),
    row(
      `cold refresh wall ÷ scrape timeout ${s(r.scrapeTimeoutMs)}; ÷ cache-ttl ${s(r.cacheTtlMs)}`,
      'ttl: < 1×',
      (c) => `${over(c.cold.wallMs, r.scrapeTimeoutMs)}; ${over(c.cold.wallMs, r.cacheTtlMs)}`,
      `${over(Math.max(...coldWalls), r.scrapeTimeoutMs)}; ${over(Math.max(...coldWalls), r.cacheTtlMs)}`,
    ),
    row(
      'event-loop delay p99 (max), cold refresh',
      '< 50 ms',
      (c) => `${ms(c.cold.eventLoopP99Ms)} (${ms(c.cold.eventLoopMaxMs)})`,
      '',
    ),
    row(
      'steady: API requests per hour',
      '',
      (c) => String(c.steady.requestsPerHour),
      `${sum(parts.map((c) => c.steady.requestsPerHour))}; ${more(sum(parts.map((c) => c.steady.requestsPerHour)), whole.steady.requestsPerHour)}`,
    ),
    row(
      'steady: refreshes per hour; token requests cold / hour (all)',
      '',
      (c) => String(c.steady.refreshesPerHour),
      `${r.tokenRequests.cold} / ${r.tokenRequests.steadyHour}`,
    ),
    row(
      'warm refresh (latency 0): scrape that waits for it, p50',
      '',
      (c) => s(c.steady.refreshScrapeP50Ms),
      '',
    ),
    row(
      'steady: event-loop delay p99 (max), the measured hour',
      '< 50 ms',
      (c) => `${ms(c.steady.eventLoopP99Ms ?? 0)} (${ms(c.steady.eventLoopMaxMs ?? 0)})`,
      '',
    ),
    row(
      '/metrics: backup series; bytes plain',
      '',
      (c) =>
        c === whole
          ? `${hour.wholeSeries}; ${hour.wholeBytes}`
          : `${hour.partSeries[c.shard.index]}; ${hour.partBytes[c.shard.index]}`,
      `${sum(hour.partSeries)}; ${sum(hour.partBytes)}`,
    ),
    row('/metrics from the cache: step scrape p50', '', (c) => ms(c.steady.idleScrapeP50Ms), ''),
    row(
      "series: the shards' union = unsharded, after the cold refresh; after the hour",
      'equal',
      () => '',
      `${equality(r.series.afterCold)}; ${equality(hour)}`,
    ),
    row('RSS before exporter (its process)', '', (c) => mib(c.memory.rssBeforeExporterMiB), ''),
    row(
      `RSS at rest after refresh ${readings}`,
      '',
      (c) => `${c.memory.rssAfterMiB.join(' / ')} MiB`,
      `${whole.memory.rssAfterMiB.map((_, i) => round(sum(parts.map((c) => c.memory.rssAfterMiB[i] ?? 0)), 1)).join(' / ')} MiB`,
    ),
    row(
      `  event-loop pause max while it came to rest after ${readings}`,
      '',
      (c) => `${c.memory.releasePauseMs.join(' / ')} ms`,
      '',
    ),
    row('  RSS peak from refresh 1 to the end of the hour', '', (c) => `${c.memory.peakRssMiB} MiB`, ''),
    row(
      `heap used; committed after refresh ${readings}`,
      '',
      (c) => `${c.memory.heapAfterMiB.join(' / ')}; ${c.memory.heapCommittedAfterMiB.join(' / ')} MiB`,
      '',
    ),
    row(
      `simulator RSS after refresh ${readings} (one process)`,
      '',
      () => '',
      `${r.simulatorRssAfterMiB.join(' / ')} MiB`,
    ),
    row('bench time for this size', '', () => '', `${r.benchSeconds} s`),
  ];
}

export function printShardedTable(r: ShardedResult, machine: Record<string, unknown>): void {
  const header = [
    'measure',
    'target',
    ...r.columns.filter((c) => c.shard.total > 1).map((c) => `${r.size} ${c.name}`),
    `${r.size} ${r.shards} shards`,
    `${r.size} unsharded`,
  ];
  process.stdout.write(`\nmachine: ${JSON.stringify(machine)}\n${markdown(header, shardedRows(r))}\n`);
}
