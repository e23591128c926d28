import type { CollectorState, RefreshResult } from '../collect/state.js';
import type { Shard } from '../config/config.js';
import type { KnownLabels } from '../resources/known-labels.js';
import { UNSHARDED } from '../resources/projects/shard.js';
import { type BackupText, renderBackupText } from './backup.js';
import { AGE_FAMILY, cachedFor, STATE_FAMILIES } from './catalog.js';
import { type GzipPrefix, gzipPrefix, gzipWithTail } from './gzip-parts.js';
import { type BuildInfo, createOwnMetrics } from './own.js';
import {
  CONTENT_TYPES,
  type ExpositionFormat,
  familyHeader,
  labelText,
  sampleLine,
  writeRegistry,
} from './writer.js';

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

/** The ages of each cluster's newest completed snapshot, at `nowMs`. */
function ageLines(ages: BackupText['ages'], nowMs: number, cacheTtl: string): string[] {
  const lines = familyHeader(AGE_FAMILY.name, AGE_FAMILY.help + cachedFor(cacheTtl), 'gauge', 'prometheus');
  const nowS = nowMs / 1000;
  for (const [labels, time] of ages)
    lines.push(sampleLine(AGE_FAMILY.name, labels, Math.max(0, nowS - time)));
  return lines;
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
  snapshotDetails: boolean;
  build: BuildInfo;
  /** default: one shard of one */
  shard?: Shard;
  /** label values known upfront, whose counters start at 0 */
  known?: KnownLabels;
}) {
  const own = createOwnMetrics(options.build, options.shard ?? UNSHARDED, options.known);
  let cache: Prepared | undefined;

  /**
   * Starts encoding and deflating the backup series, once per state. The collector calls it as
   * soon as a refresh lands, so the first scrape after a refresh finds that done or under way
   * (Prometheus always asks for gzip, so the deflate is not wasted).
   */
  function prepare(state: CollectorState): Prepared {
    if (cache?.state === state) return cache;
    const backup = renderBackupText(state, options.cacheTtl, options.snapshotDetails);
    const gzipped = backup.then((b) => gzipPrefix(b.chunks));
    // A scrape that awaits them sees any failure; nobody else must see it as unhandled.
    backup.catch(() => undefined);
    gzipped.catch(() => undefined);
    cache = { state, backup, gzipped };
    return cache;
  }

  /** A refresh landed: count it and prepare its series. */
  function refreshed(result: RefreshResult, state: CollectorState): void {
    own.refreshed(result);
    prepare(state);
  }

  /**
   * Scrapes that waited for the same refresh resume together, and each one's own part costs a few
   * milliseconds at scale (ages of every cluster, the exporter's registry). A setImmediate each
   * is not enough: Node runs every immediate already queued in one go. So each waits for the one
   * before it to finish and then for a turn of the event loop of its own.
   */
  let lastScrapePart: Promise<unknown> = Promise.resolve();
  function inTurn<T>(work: () => Promise<T>): Promise<T> {
    const turn = lastScrapePart.then(() => new Promise<void>((resolve) => setImmediate(resolve))).then(work);
    lastScrapePart = turn.catch(() => undefined);
    return turn;
  }

  /** The backup text of this state, and this scrape's part, made in one synchronous step. */
  async function parts(format: ExpositionFormat, state: CollectorState, nowMs: number) {
    const prepared = prepare(state);
    const backup = await prepared.backup;
    const perScrape = await inTurn(async () => {
      const lines = [...ageLines(backup.ages, nowMs, options.cacheTtl), ...stateLines(state, nowMs)];
      const events = await writeRegistry(own.registry, format);
      const eof = format === 'openmetrics' ? '# EOF\n' : '';
      return `${lines.join('\n')}\n${events}${eof}`;
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

  return { observer: own.observer, prepare, refreshed, render, renderGzip };
}

export type Metrics = ReturnType<typeof createMetrics>;
