import type { KnownLabels } from '../collect/known-labels.js';
import type { CollectorState, RefreshResult } from '../collect/state.js';
import type { AnyCollector, AnyOrgCollector, AnyProjectCollector } from '../collectors/collector.js';
import type { Shard } from '../config/config.js';
import { UNSHARDED } from '../resources/projects/shard.js';
import { type BackupText, renderBackupText } from './backup.js';
import { cachedFor, STATE_FAMILIES } from './catalog.js';
import { createChunks, linesToChunks } from './chunks.js';
import { type GzipPrefix, gzipPrefix, gzipWithTail } from './gzip-parts.js';
import { type BuildInfo, createOwnMetrics } from './own.js';
import {
  CONTENT_TYPES,
  type ExpositionFormat,
  familyHeader,
  formatValue,
  labelText,
  registryLines,
  sampleLine,
} from './writer.js';

/** The age text at one whole second of one state: the same for every scrape in that second. */
interface Ages {
  readonly second: number;
  readonly chunks: Promise<Buffer[]>;
  /** the same deflated after the state's backup part, made when a gzip scrape first asks */
  gzipped?: Promise<GzipPrefix>;
}

interface Prepared {
  readonly state: CollectorState;
  /** the backup series of this state, as bytes: encoded once */
  readonly backup: Promise<BackupText>;
  /** the same, deflated once, as the start of every gzip body of this state */
  readonly gzipped: Promise<GzipPrefix>;
  /** of the latest second scraped */
  ages?: Ages;
}

/** A /metrics body in pieces: the cached backup part is sent as is, never copied per scrape. */
export interface RenderedMetrics {
  readonly contentType: string;
  readonly chunks: readonly Buffer[];
}

/**
 * The ages of each cluster's newest completed snapshot at `second` (Unix seconds), in pieces with
 * a turn of the event loop between them: at L they are 5,000 lines.
 */
async function renderAges(backup: BackupText, second: number, cacheTtl: string): Promise<Buffer[]> {
  const out = createChunks();
  for (const family of backup.ages) {
    out.push(...familyHeader(family.name, family.help + cachedFor(cacheTtl), 'gauge', 'prometheus'));
    for (const [prefix, time] of family.samples) {
      out.push(prefix + formatValue(Math.max(0, second - time)));
      const turn = out.breathe();
      if (turn) await turn;
    }
  }
  return out.done();
}

/** The exporter's own gauges that the state tells, at `nowMs`. */
function stateLines(state: CollectorState, nowMs: number): string[] {
  const lines: string[] = [];
  for (const family of STATE_FAMILIES) {
    lines.push(...familyHeader(family.name, family.help, 'gauge', 'prometheus'));
    for (const [values, v] of family.samples(state, nowMs))
      lines.push(sampleLine(family.name, labelText(family.labels, values), v));
  }
  return lines;
}

/**
 * The /metrics body. The backup series change only when a refresh lands, so their text and its
 * gzip are made once per refresh (per state object) and reused; each scrape adds only what moves
 * between scrapes: the ages, the exporter's gauges of the state and its event-fed families. The
 * cached part is never compressed twice: its deflate data is reused as the start of each
 * scrape's gzip stream (gzip-parts.ts).
 */
export function createMetrics(options: {
  cacheTtl: string;
  /** the enabled collectors, whose families follow the clusters' own */
  collectors: readonly AnyCollector[];
  /** every `--collector.<name>` value (Settings.collector), for the opt-in families */
  options?: Readonly<Record<string, boolean>>;
  /** --atlas.tag-labels: the tag keys written as labels; none: no tag families */
  tagLabels?: readonly string[];
  /** the enabled per-project collectors, whose families follow the projects' own */
  projectCollectors?: readonly AnyProjectCollector[];
  /** the enabled per-organisation collectors, whose families follow the per-project ones */
  orgCollectors?: readonly AnyOrgCollector[];
  build: BuildInfo;
  /** default: one shard of one */
  shard?: Shard;
  /** label values known upfront, whose counters start at 0 */
  known?: KnownLabels;
}) {
  const ownMetrics = createOwnMetrics(options.build, options.shard ?? UNSHARDED, options.known);
  let cache: Prepared | undefined;

  /**
   * Starts encoding and deflating the backup series, once per state. The collector calls it as
   * soon as a refresh lands, so the first scrape after a refresh finds that done or under way
   * (Prometheus always asks for gzip, so the deflate is not wasted).
   */
  function prepare(state: CollectorState): Prepared {
    if (cache?.state === state) return cache;
    const backup = renderBackupText(
      state,
      options.cacheTtl,
      options.collectors,
      options.options,
      options.tagLabels,
      options.projectCollectors,
      options.orgCollectors,
    );
    const gzipped = backup.then((b) => gzipPrefix(b.chunks));
    // A scrape that awaits them sees any failure; nobody else must see it as unhandled.
    backup.catch(() => undefined);
    gzipped.catch(() => undefined);
    cache = { state, backup, gzipped };
    return cache;
  }

  /** A refresh landed: count it and prepare its series. */
  function refreshed(result: RefreshResult, state: CollectorState): void {
    ownMetrics.refreshed(result);
    prepare(state);
  }

  /**
   * Scrapes that waited for the same refresh resume together, and each one's own part costs a
   * millisecond or more at scale (a line per project and kind, the exporter's registry). A setImmediate each
   * is not enough: Node runs every immediate already queued in one go. So each waits for the one
   * before it to finish and then for a turn of the event loop of its own.
   */
  let lastScrapePart: Promise<unknown> = Promise.resolve();
  function inTurn<T>(work: () => Promise<T>): Promise<T> {
    const turn = lastScrapePart.then(() => new Promise<void>((resolve) => setImmediate(resolve))).then(work);
    lastScrapePart = turn.catch(() => undefined);
    return turn;
  }

  /**
   * The ages as of the scrape's whole second: Atlas gives snapshot times in whole seconds, so a
   * finer age tells nothing more, and the scrapes that resume together after a refresh (or an HA
   * pair scraping at once) share one rendering instead of each making 5,000 lines at L.
   */
  function agesAt(prepared: Prepared, backup: BackupText, nowMs: number): Ages {
    const second = Math.floor(nowMs / 1000);
    if (prepared.ages?.second !== second)
      prepared.ages = { second, chunks: renderAges(backup, second, options.cacheTtl) };
    return prepared.ages;
  }

  /** This state's cached parts, and this scrape's own (the exporter's gauges), made in one step. */
  async function parts(format: ExpositionFormat, state: CollectorState, nowMs: number) {
    const prepared = prepare(state);
    const backup = await prepared.backup;
    const ages = agesAt(prepared, backup, nowMs);
    const ageChunks = await ages.chunks;
    const own = await inTurn(async () => {
      const lines = [...stateLines(state, nowMs), ...(await registryLines(ownMetrics.registry, format))];
      if (format === 'openmetrics') lines.push('# EOF');
      return linesToChunks(lines);
    });
    return { prepared, backup, ages, ageChunks, own, contentType: CONTENT_TYPES[format] };
  }

  async function render(
    format: ExpositionFormat,
    state: CollectorState,
    nowMs: number,
  ): Promise<RenderedMetrics> {
    const { backup, ageChunks, own, contentType } = await parts(format, state, nowMs);
    return { contentType, chunks: [...backup.chunks, ...ageChunks, ...own] };
  }

  /**
   * Compressed off the event loop (zlib's thread pool): the backup part once per state
   * (prepare), the ages once per second, only this scrape's own part each time.
   */
  async function renderGzip(
    format: ExpositionFormat,
    state: CollectorState,
    nowMs: number,
  ): Promise<RenderedMetrics> {
    const { prepared, ages, ageChunks, own, contentType } = await parts(format, state, nowMs);
    ages.gzipped ??= prepared.gzipped.then((backup) => gzipPrefix(ageChunks, backup));
    return { contentType, chunks: await gzipWithTail(await ages.gzipped, own) };
  }

  return { observer: ownMetrics.observer, prepare, refreshed, render, renderGzip };
}

export type Metrics = ReturnType<typeof createMetrics>;
