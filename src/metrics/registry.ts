import { collectDefaultMetrics, Registry } from 'prom-client';
import type { ApiObserver } from '../atlas/api.js';
import type { KnownLabels } from '../collect/known-labels.js';
import type { Shard } from '../collect/shard.js';
import type { CollectorState } from '../collect/state.js';
import { AGE_FAMILY, type BackupText, renderBackupText } from './backup-text.js';
import { type Catalog, createCatalog, startAtZero } from './catalog.js';
import { CONTENT_TYPES, type ExpositionFormat, encode, escapeHelp, formatValue } from './exposition.js';
import { fillExporterMetrics, fillProjectMetrics } from './fill.js';
import { type GzipPrefix, gzipPrefix, gzipWithTail } from './gzip-parts.js';

interface Prepared {
  readonly state: CollectorState;
  /** the backup series of this state, as bytes: encoded once */
  readonly backup: Promise<BackupText>;
  /** the same, deflated once, as the start of every gzip body of this state */
  readonly gzipped: Promise<GzipPrefix>;
}

/** A /metrics body in pieces: the cached backup part is sent as is, never copied per scrape. */
export interface RenderedMetrics {
  readonly contentType: string;
  readonly chunks: readonly Buffer[];
}

export interface BuildInfo {
  version: string;
  revision: string;
}

/**
 * prom-client's default gauges named like counters, which `promtool check metrics` refuses. Each
 * is the sum of its per-type gauge (`sum(nodejs_active_handles)` and so on), so nothing is lost.
 */
const MISNAMED_DEFAULTS = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

/** The API metrics, fed by the Atlas client as requests happen. */
export function apiObserver(catalog: Catalog): ApiObserver {
  const { exporter } = catalog;
  return {
    request(endpoint, code, durationSeconds) {
      exporter.apiRequests.inc({ endpoint, code });
      exporter.apiDuration.observe({ endpoint }, durationSeconds);
    },
    challenge(endpoint) {
      exporter.apiAuthChallenges.inc({ endpoint });
    },
    retry(endpoint, reason) {
      exporter.apiRetries.inc({ endpoint, reason });
    },
    rateLimitRemaining(endpoint, remaining) {
      exporter.rateLimitRemaining.set({ endpoint }, remaining);
    },
    sunset(endpoint, timestampSeconds) {
      exporter.sunset.set({ endpoint }, timestampSeconds);
    },
  };
}

function ageText(ages: BackupText['ages'], nowMs: number, cacheTtl: string): string {
  const help = `Seconds since the newest completed snapshot, computed when /metrics is rendered. Cached for --atlas.cache-ttl (${cacheTtl}).`;
  const lines = [`# HELP ${AGE_FAMILY} ${escapeHelp(help)}`, `# TYPE ${AGE_FAMILY} gauge`];
  const nowS = nowMs / 1000;
  for (const [labels, time] of ages)
    lines.push(`${AGE_FAMILY}{${labels}} ${formatValue(Math.max(0, nowS - time))}`);
  return `${lines.join('\n')}\n`;
}

/**
 * The /metrics body. The backup series change only when a refresh lands, so their text and its
 * gzip are made once per refresh (per state object) and reused; each scrape adds only what moves
 * between scrapes: the ages and the exporter's own metrics from our prom-client registry (never
 * the global one, so tests can build several exporters). The cached part is never compressed
 * twice: its deflate data is reused as the start of each scrape's gzip stream (gzip-parts.ts).
 */
export function createMetrics(options: {
  cacheTtl: string;
  snapshotDetails: boolean;
  build: BuildInfo;
  shard?: Shard;
  /** label values known upfront, whose counters start at 0 */
  known?: KnownLabels;
}) {
  const registry = new Registry();
  const catalog = createCatalog(registry);
  if (options.known) startAtZero(catalog, options.known);
  collectDefaultMetrics({ register: registry });
  for (const name of MISNAMED_DEFAULTS) registry.removeSingleMetric(name);
  catalog.exporter.buildInfo.set(
    { version: options.build.version, revision: options.build.revision, nodejs_version: process.version },
    1,
  );
  // Only a sharded exporter has shards to tell apart, and promtool lints the contract's name
  // shard_count (it reserves _count for histograms): an unsharded page stays lint-clean.
  if (options.shard && options.shard.total > 1) {
    catalog.exporter.shardIndex.set(options.shard.index);
    catalog.exporter.shardCount.set(options.shard.total);
  } else {
    for (const name of ['mongodbatlas_exporter_shard_index', 'mongodbatlas_exporter_shard_count'])
      registry.removeSingleMetric(name);
  }
  let cache: Prepared | undefined;

  /**
   * Does what changes only when a refresh lands, once per state: sets the per-project gauges and
   * starts encoding and deflating the backup series. The collector calls it as soon as a refresh
   * lands, so the first scrape after a refresh finds that done or under way (Prometheus always
   * asks for gzip, so the deflate is not wasted).
   */
  function prepare(state: CollectorState): Prepared {
    if (cache?.state === state) return cache;
    fillProjectMetrics(catalog, state);
    const backup = renderBackupText(state, options.cacheTtl, options.snapshotDetails);
    const gzipped = backup.then((b) => gzipPrefix(b.chunks));
    // A scrape that awaits them sees any failure; nobody else must see it as unhandled.
    backup.catch(() => undefined);
    gzipped.catch(() => undefined);
    cache = { state, backup, gzipped };
    return cache;
  }

  /**
   * Scrapes that waited for the same refresh resume together, and each one's own part costs a few
   * milliseconds at L (ages of every cluster, the exporter's registry). A setImmediate each is not
   * enough: Node runs every immediate already queued in one go. So each waits for the one before
   * it to finish and then for a turn of the event loop of its own (at L, 14 scrapes that resumed
   * together held the loop for 90 ms).
   */
  let lastScrapePart: Promise<unknown> = Promise.resolve();
  function inTurn<T>(work: () => Promise<T>): Promise<T> {
    const turn = lastScrapePart.then(() => new Promise<void>((resolve) => setImmediate(resolve))).then(work);
    lastScrapePart = turn.catch(() => undefined);
    return turn;
  }

  /** The backup text of this state, and this scrape's part, filled in one synchronous step. */
  async function parts(format: ExpositionFormat, state: CollectorState, nowMs: number) {
    const prepared = prepare(state);
    const backup = await prepared.backup;
    const perScrape = await inTurn(async () => {
      fillExporterMetrics(catalog, state, nowMs);
      return ageText(backup.ages, nowMs, options.cacheTtl) + (await encode(registry, format));
    });
    return { prepared, backup, perScrape, contentType: CONTENT_TYPES[format] };
  }

  async function render(
    format: ExpositionFormat,
    state: CollectorState,
    nowMs: number,
  ): Promise<RenderedMetrics> {
    const { backup, perScrape, contentType } = await parts(format, state, nowMs);
    return { contentType, chunks: [...backup.chunks, Buffer.from(perScrape)] };
  }

  /** Compressed off the event loop (zlib's thread pool); the backup part once per state (prepare). */
  async function renderGzip(
    format: ExpositionFormat,
    state: CollectorState,
    nowMs: number,
  ): Promise<RenderedMetrics> {
    const { prepared, perScrape, contentType } = await parts(format, state, nowMs);
    return { contentType, chunks: await gzipWithTail(await prepared.gzipped, Buffer.from(perScrape)) };
  }

  return { catalog, observer: apiObserver(catalog), prepare, render, renderGzip };
}

export type Metrics = ReturnType<typeof createMetrics>;
