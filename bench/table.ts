import { inReadOrder, readerOf } from './collectors.js';
import { markdown, ms, s, x } from './format.js';
import type { SizeResult } from './result.js';
import { round } from './stats.js';

const pct = (v: number) => `${round(v * 100, 1)}%`;
const mins = (v: number) => (Number.isFinite(v) ? `${round(v / 60_000, 1)} min` : 'never');

/** One row per measure: what it is, its target, and a cell per size. */
export function rows(results: readonly SizeResult[]): string[][] {
  const readings = (results[0]?.memory.readingsAfterRefresh ?? []).join(' / ');
  const row = (name: string, target: string, cell: (r: SizeResult) => string) => [
    name,
    target,
    ...results.map(cell),
  ];
  return [
    row('world: projects / flex / serverless / dedicated', '', (r) =>
      [
        r.world.projects,
        r.world.flex,
        r.world.serverlessRetired ? `${r.world.serverless} (retired: 410)` : r.world.serverless,
        r.world.dedicated,
      ].join(' / '),
    ),
    row(
      'cold refresh: API requests / minimum',
      'equal',
      (r) =>
        `${r.cold.requests} / ${r.cold.minimum} ${r.cold.equal ? '(=)' : `(${x(r.cold.requests / r.cold.minimum)})`}`,
    ),
    row('cold refresh: token requests (apart)', '', (r) => String(r.cold.tokenRequests)),
    row(
      'cold refresh: wall / floor',
      '≤ 1.15×',
      (r) => `${s(r.cold.wallMs)} / ${s(r.cold.floorMs)} = ${x(r.cold.ratio)}`,
    ),
    row(
      'event-loop delay p99 (max), cold refresh',
      '< 50 ms',
      (r) => `${ms(r.cold.eventLoopP99Ms)} (${ms(r.cold.eventLoopMaxMs)})`,
    ),
    row(
      'steady: API requests per hour / read-all',
      '≤ 10%',
      (r) => `${r.steady.requestsPerHour} / ${r.steady.readAllPerHour} = ${pct(r.steady.share)}`,
    ),
    row(
      'steady: refreshes per hour; token requests',
      '',
      (r) => `${r.steady.refreshesPerHour}; ${r.steady.tokenRequestsPerHour}`,
    ),
    row(
      'steady: scheduled events seen ≤ cache-ttl; max delay',
      'all; ≤ 5 min',
      (r) =>
        `${r.steady.scheduledSeenWithinTtl}/${r.steady.scheduledEvents}; ${mins(r.steady.scheduledMaxDelayMs)}`,
    ),
    row('steady: on-demand snapshots, max delay', '≤ 5 min', (r) =>
      r.steady.unscheduledEvents === 0 ? '–' : mins(r.steady.unscheduledMaxDelayMs),
    ),
    row('warm refresh (latency 0): wall p50', '', (r) => s(r.steady.refreshScrapeP50Ms)),
    row(
      'warm refresh: event-loop delay p99 (max), worst of n',
      '< 50 ms',
      (r) =>
        `${ms(r.steady.eventLoopWorstP99Ms)} (${ms(r.steady.eventLoopMaxMs)}), n = ${r.steady.eventLoopSampledRefreshes}`,
    ),
    row(
      'warm refresh: scrapes during it p50 / p99, waiting for Atlas by contract (n; connection resets)',
      '',
      (r) =>
        `${ms(r.steady.scrapeDuringRefreshP50Ms)} / ${ms(r.steady.scrapeDuringRefreshP99Ms)} (${r.steady.scrapeDuringRefreshCount}; resets ${(r.steady.scrapeDuringRefreshStatuses.reset ?? 0) + r.steady.stepScrapeResets})`,
    ),
    row(
      "  the exporter's own wait past the landing p50 / p99 / max (joined + arrived after)",
      '< 100 ms',
      (r) => {
        const w = r.steady.exporterWait;
        return `${ms(w.p50Ms)} / ${ms(w.p99Ms)} / ${ms(w.maxMs)} (${w.joined} + ${w.after})`;
      },
    ),
    row(
      '  background mode: scrapes during it p50 / p99 / max (n; connection resets)',
      '',
      (r) =>
        `${ms(r.background.scrapeP50Ms)} / ${ms(r.background.scrapeP99Ms)} / ${ms(r.background.scrapeMaxMs)} (${r.background.scrapeCount}; resets ${r.background.scrapeStatuses.reset ?? 0})`,
    ),
    row(
      '/metrics series; bytes plain / gzip',
      '',
      (r) => `${r.metrics.series}; ${r.metrics.plainBytes} / ${r.metrics.gzipBytes}`,
    ),
    row(
      '/metrics plain p50 / p99',
      'L p50 ≤ 25 ms',
      (r) => `${ms(r.metrics.plain.p50)} / ${ms(r.metrics.plain.p99)}`,
    ),
    row(
      '  floor plain p50 / p99; p50 ratio',
      '',
      (r) =>
        `${ms(r.metrics.floorPlain.p50)} / ${ms(r.metrics.floorPlain.p99)}; ${x(r.metrics.plain.p50 / r.metrics.floorPlain.p50)}`,
    ),
    row('/metrics gzip p50 / p99', '', (r) => `${ms(r.metrics.gzip.p50)} / ${ms(r.metrics.gzip.p99)}`),
    row(
      '  floor gzip p50 / p99; p50 ratio',
      '',
      (r) =>
        `${ms(r.metrics.floorGzip.p50)} / ${ms(r.metrics.floorGzip.p99)}; ${x(r.metrics.gzip.p50 / r.metrics.floorGzip.p50)}`,
    ),
    row(
      'landing page render p50 / p99 (clusters)',
      'L < 50 ms',
      (r) => `${ms(r.landing.render.p50)} / ${ms(r.landing.render.p99)} (${r.landing.clusters})`,
    ),
    row(
      '  before the refresh prepared it (sort, facts) p50 / p99',
      '',
      (r) => `${ms(r.landing.unprepared.p50)} / ${ms(r.landing.unprepared.p99)}`,
    ),
    row(
      '  GET / p50 / p99; p50 / metrics plain p50',
      '',
      (r) =>
        `${ms(r.landing.http.p50)} / ${ms(r.landing.http.p99)}; ${x(r.landing.http.p50 / r.metrics.plain.p50)}`,
    ),
    row(
      'RSS before exporter (bench process, no simulator)',
      '',
      (r) => `${r.memory.rssBeforeExporterMiB} MiB`,
    ),
    row(
      `RSS at rest after refresh ${readings} (over before)`,
      'L < 200 MB',
      (r) =>
        `${r.memory.rssAfterMiB.join(' / ')} MiB (${r.memory.rssOverBeforeMiB.map((v) => (v < 0 ? `${v}` : `+${v}`)).join(' / ')})`,
    ),
    row(
      `  event-loop pause max while it came to rest after ${readings}`,
      '',
      (r) => `${r.memory.releasePauseMs.join(' / ')} ms`,
    ),
    row('RSS growth refresh 5 → 10; 10 → 20', '< 5%', (r) =>
      [r.memory.growth5to10, r.memory.growth10to20].map(pct).join('; '),
    ),
    row(
      `main-thread heap used; committed after refresh ${readings}`,
      '',
      (r) => `${r.memory.heapAfterMiB.join(' / ')}; ${r.memory.heapCommittedAfterMiB.join(' / ')} MiB`,
    ),
    row(
      `  external; Buffers (main) / simulator heap / simulator RSS after ${readings}`,
      '',
      (r) =>
        `${r.memory.externalAfterMiB.join(' / ')}; ${r.memory.arrayBuffersAfterMiB.join(' / ')} MiB; ${r.memory.simulatorHeapAfterMiB.join(' / ')} MiB; ${r.memory.simulatorRssAfterMiB.join(' / ')} MiB`,
    ),
    row('bench time for this size', '', (r) => `${r.benchSeconds} s`),
  ];
}

/** Requests per reader (readerOf) of these per-endpoint counts. */
function byReader(counts: Readonly<Record<string, number>>, scale = 1): Map<string, number> {
  const out = new Map<string, number>();
  for (const [endpoint, n] of Object.entries(counts))
    out.set(readerOf(endpoint), (out.get(readerOf(endpoint)) ?? 0) + n * scale);
  return out;
}

/**
 * What each collector (and the lists every refresh needs) costs, a row each: its cold requests,
 * `(=)` when every endpoint of it sent exactly the minimum; its requests in the steady hour
 * against the same reads on every refresh; and its part of the column's share (its steady
 * requests over all of read-all), the parts adding up to the share.
 */
export function readerRows(results: readonly SizeResult[]): string[][] {
  const perColumn = results.map((r) => {
    const differing = new Set(Object.keys(r.cold.differences).map(readerOf));
    const refreshesPerHour = r.steady.readAllPerHour / Math.max(1, r.steady.readAllPerRefresh);
    return {
      differing,
      cold: byReader(r.cold.byEndpoint),
      steady: byReader(r.steady.byEndpoint),
      readAll: byReader(r.steady.readAllByEndpoint, refreshesPerHour),
      readAllPerHour: r.steady.readAllPerHour,
    };
  });
  const readers = inReadOrder(perColumn.flatMap((c) => [...c.cold.keys(), ...c.readAll.keys()]));
  return readers.map((reader) => [
    reader,
    ...perColumn.map((c) => {
      const cold = c.cold.get(reader) ?? 0;
      const steady = c.steady.get(reader) ?? 0;
      const readAll = c.readAll.get(reader) ?? 0;
      if (cold === 0 && readAll === 0) return '–';
      return `${cold} ${c.differing.has(reader) ? '(≠)' : '(=)'}; ${steady} / ${round(readAll)} → +${pct(steady / c.readAllPerHour)}`;
    }),
  ]);
}

export function printTable(results: readonly SizeResult[], machine: Record<string, unknown>): void {
  const table = markdown(['measure', 'target', ...results.map((r) => r.size)], rows(results));
  const readers = markdown(
    [
      'reads: cold (= minimum); steady per hour / read-all → part of the share',
      ...results.map((r) => r.size),
    ],
    readerRows(results),
  );
  process.stdout.write(`\nmachine: ${JSON.stringify(machine)}\n${table}\n\n${readers}\n`);
}
