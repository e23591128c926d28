import type { KnownLabels } from '../collect/known-labels.js';
import type { CollectorState, RefreshResult } from '../collect/state.js';
import type { Shard } from '../config/config.js';
import { UNSHARDED } from '../resources/projects/shard.js';
import { type BackupText, type PageSettings, renderBackupText } from './backup.js';
import { cachedFor, STATE_FAMILIES } from './catalog.js';
import { createChunks, linesToChunks, nextTurn } from './chunks.js';
import {
  type DeflatedPiece,
  deflatePiece,
  type GzipPrefix,
  gzipPrefix,
  gzipWithTail,
  storePiece,
} from './gzip-parts.js';
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
  /** the same deflated after the page's backup part, made when a gzip scrape first asks */
  gzipped?: Promise<GzipPrefix>;
}

interface Prepared {
  readonly state: CollectorState;
  /** the backup series of this state as bytes: made once */
  readonly backup: Promise<BackupText>;
  /**
   * the same as the start of every gzip body of this state: the pieces it shares with the last
   * page deflated, its new ones stored until `compressed`
   */
  gzipped: Promise<GzipPrefix>;
  /** its new pieces deflated, once no scrape was being rendered */
  readonly compressed: Promise<void>;
  /** whether that is done: until then the ages of its gzip bodies are stored too */
  deflated: boolean;
  /** 1 for the first state's page, 2 for the next one's... */
  readonly order: number;
  /** of the latest second scraped */
  ages?: Ages;
}

/** A /metrics body in pieces: the cached backup part is sent as is, never copied per scrape. */
export interface RenderedMetrics {
  readonly contentType: string;
  readonly chunks: readonly Buffer[];
}

/** Pieces deflated, a turn of the event loop after each. */
async function deflateEach(pieces: readonly Buffer[]): Promise<DeflatedPiece[]> {
  const deflated: DeflatedPiece[] = [];
  for (const piece of pieces) {
    deflated.push(deflatePiece(piece));
    await nextTurn();
  }
  return deflated;
}

/**
 * The ages of each cluster's newest completed snapshot at `second` (Unix seconds), in pieces with
 * a turn of the event loop between them: at L they are 5,000 lines.
 */
async function renderAges(backup: BackupText, second: number, cacheTtl: string): Promise<Buffer[]> {
  const out = createChunks();
  for (const family of backup.ages) {
    out.push(...familyHeader(family.name, family.help + cachedFor(cacheTtl), 'gauge', 'prometheus'));
    for (const sample of family.samples) {
      if (sample === undefined) continue;
      const [prefix, time] = sample;
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
 * scrape's gzip stream (gzip-parts.ts), and a piece that a page keeps from the last one keeps
 * its deflate. A page's new pieces are deflated only once the scrapes that waited for its
 * refresh are answered: those get them stored, uncompressed, rather than wait for zlib (at L up
 * to 20 ms when many clusters changed).
 */
export function createMetrics(
  options: PageSettings & {
    build: BuildInfo;
    /** default: one shard of one */
    shard?: Shard;
    /** label values known upfront, whose counters start at 0 */
    known?: KnownLabels;
  },
) {
  const ownMetrics = createOwnMetrics(options.build, options.shard ?? UNSHARDED, options.known);
  /** the page of the newest state asked for, built or under way */
  let latest: Prepared | undefined;
  /** the newest page made: served while a newer one is under way */
  let served: Prepared | undefined;
  /** its text: the next page copies from it what did not change */
  let lastText: BackupText | undefined;
  let pages = 0;
  /** each piece's deflate, by the piece: pages share pieces, and so their deflates */
  const deflates = new WeakMap<Buffer, DeflatedPiece>();
  const prefixOf = (pieces: readonly Buffer[]) =>
    gzipPrefix(pieces.map((piece) => deflates.get(piece) ?? storePiece(piece)));

  /**
   * Deflates the pieces of `page` that were not, a turn of the event loop after each, and makes
   * its gzip prefix again; unless a newer page is made, which does it for the pieces they share.
   */
  async function compress(page: Prepared, pieces: readonly Buffer[]): Promise<void> {
    for (const piece of pieces) {
      if (served && served.order > page.order) return;
      if (deflates.has(piece)) continue;
      deflates.set(piece, deflatePiece(piece));
      await nextTurn();
    }
    page.gzipped = Promise.resolve(prefixOf(pieces));
    page.deflated = true;
    if (page.ages) page.ages.gzipped = undefined;
  }

  /**
   * Starts encoding the backup series, once per state. The collector calls it as soon as a
   * refresh lands, so the first scrape after a refresh finds that done or under way.
   */
  function prepare(state: CollectorState): Prepared {
    if (latest?.state === state) return latest;
    if (served?.state === state) return served;
    const backup = renderBackupText(state, options, lastText);
    const page: Prepared = {
      state,
      backup,
      gzipped: backup.then((b) => prefixOf(b.chunks)),
      compressed: backup.then(async (b) => {
        await idle();
        await compress(page, b.chunks);
      }),
      order: ++pages,
      deflated: false,
    };
    // A scrape that awaits them sees any failure; nobody else must see it as unhandled.
    const ignore = () => undefined;
    page.gzipped.catch(ignore);
    page.compressed.catch(ignore);
    backup.then((text) => {
      // a slower build of an older state never replaces a newer page
      if (served && served.order > page.order) return;
      served = page;
      lastText = text;
    }, ignore);
    latest = page;
    return page;
  }

  /**
   * The page to serve for `state`: its own once made. While that is under way the previous page
   * is served at once, or after `waitMs` if that ends first; with no page made yet, the first is
   * awaited.
   */
  async function pageFor(state: CollectorState, waitMs: number): Promise<Prepared> {
    const page = prepare(state);
    const previous = served;
    const made = page.backup.then(() => page);
    if (previous === undefined || previous === page || !Number.isFinite(waitMs)) return made;
    made.catch(() => undefined);
    if (waitMs <= 0) return previous;
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<Prepared>((resolve) => {
      timer = setTimeout(() => resolve(previous), waitMs);
    });
    try {
      return await Promise.race([made, waited]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * A refresh landed: count it and prepare its series; resolves once they are made and, after
   * the scrapes that waited for them, deflated.
   */
  async function refreshed(result: RefreshResult, state: CollectorState): Promise<void> {
    ownMetrics.refreshed(result);
    await prepare(state).compressed;
  }

  /** scrapes being served, scrapes begun so far, and who waits for there to be none */
  let rendering = 0;
  let begun = 0;
  let whenIdle: Array<() => void> = [];
  /**
   * Resolves at a turn of the event loop with no scrape being served, after the answers of
   * those that were: work that can wait (the landing page's view of a new state) goes after the
   * scrapes that waited for that state.
   */
  function idle(): Promise<void> {
    return new Promise((resolve) => {
      if (rendering === 0) setImmediate(resolve);
      else whenIdle.push(resolve);
    });
  }
  /**
   * Serves one scrape: counted from when it began until it is answered. The HTTP handler counts
   * its wait for a refresh too, so that nothing that waits for quiet (the release of a refresh's
   * memory) runs while a scrape waits for Atlas; rendering counts again, for callers without one.
   */
  async function counted<T>(work: () => Promise<T>): Promise<T> {
    rendering++;
    begun++;
    try {
      return await work();
    } finally {
      if (--rendering === 0) {
        const waiting = whenIdle;
        whenIdle = [];
        setImmediate(() => {
          for (const resolve of waiting) resolve();
        });
      }
    }
  }

  /**
   * Scrapes that waited for the same refresh resume together, and each one's own part costs a
   * millisecond or more at scale (a line per project and kind, the exporter's registry). A setImmediate each
   * is not enough: Node runs every immediate already queued in one go. So each waits for the one
   * before it to finish and then for a turn of the event loop of its own.
   */
  let lastScrapePart: Promise<unknown> = Promise.resolve();
  function inTurn<T>(work: () => Promise<T>): Promise<T> {
    const turn = lastScrapePart.then(nextTurn).then(work);
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

  /** An own part: what it was made of, its pieces, and their deflates once a gzip scrape asks. */
  interface OwnPart {
    readonly state: CollectorState;
    readonly second: number;
    readonly events: number;
    readonly chunks: Buffer[];
    deflated?: DeflatedPiece[];
  }
  /** per format, the last own part made */
  const lastOwn = new Map<ExpositionFormat, OwnPart>();

  /**
   * The exporter's gauges of the state and its event-fed families. Scrapes that resume together
   * after a refresh (at L, 5-15 ms each) share the one made in the same whole second of the same
   * state, as long as no event has fed the families since.
   */
  async function ownPart(format: ExpositionFormat, state: CollectorState, nowMs: number): Promise<OwnPart> {
    const made = { state, second: Math.floor(nowMs / 1000), events: ownMetrics.events() };
    const last = lastOwn.get(format);
    if (last?.state === made.state && last.second === made.second && last.events === made.events) return last;
    const lines = [...stateLines(state, nowMs), ...(await registryLines(ownMetrics.registry, format))];
    if (format === 'openmetrics') lines.push('# EOF');
    const part = { ...made, chunks: linesToChunks(lines) };
    lastOwn.set(format, part);
    return part;
  }

  /**
   * The cached parts of the page served, and this scrape's own (the exporter's gauges), made in
   * one step. The time-dependent parts (the ages, data_age_seconds) are made per scrape from the
   * served page's own state, so a previous page served during a build tells its true ages.
   */
  async function parts(format: ExpositionFormat, state: CollectorState, nowMs: number, waitMs: number) {
    const prepared = await pageFor(state, waitMs);
    const backup = await prepared.backup;
    const ages = agesAt(prepared, backup, nowMs);
    const ageChunks = await ages.chunks;
    const own = await inTurn(() => ownPart(format, prepared.state, nowMs));
    return { prepared, backup, ages, ageChunks, own, contentType: CONTENT_TYPES[format] };
  }

  /**
   * A page's ages after its backup part. While its new pieces are stored (for the scrapes that
   * waited for its refresh), so are the ages, and so are those of the page served while a newer
   * one is made: the scrapes around a refresh are answered sooner, and the newer page is made
   * sooner.
   */
  async function agesAfter(page: Prepared, pieces: readonly Buffer[]): Promise<GzipPrefix> {
    const compressed = page.deflated && latest === page;
    const deflated = compressed ? await deflateEach(pieces) : pieces.map(storePiece);
    return gzipPrefix(deflated, await page.gzipped);
  }

  /**
   * `waitMs`: how long this scrape may wait for the page of `state` while it is built (none:
   * until it is); past that it gets the previous page.
   */
  async function render(
    format: ExpositionFormat,
    state: CollectorState,
    nowMs: number,
    waitMs = Number.POSITIVE_INFINITY,
  ): Promise<RenderedMetrics> {
    return counted(async () => {
      const { backup, ageChunks, own, contentType } = await parts(format, state, nowMs, waitMs);
      return { contentType, chunks: [...backup.chunks, ...ageChunks, ...own.chunks] };
    });
  }

  /**
   * The backup part deflated once per page (see compress), the ages once per second, only this
   * scrape's own part each time.
   */
  async function renderGzip(
    format: ExpositionFormat,
    state: CollectorState,
    nowMs: number,
    waitMs = Number.POSITIVE_INFINITY,
  ): Promise<RenderedMetrics> {
    return counted(async () => {
      const { prepared, ages, ageChunks, own, contentType } = await parts(format, state, nowMs, waitMs);
      ages.gzipped ??= agesAfter(prepared, ageChunks);
      own.deflated ??= own.chunks.map((piece) => deflatePiece(piece));
      return { contentType, chunks: gzipWithTail(await ages.gzipped, own.deflated) };
    });
  }

  return {
    observer: ownMetrics.observer,
    prepare,
    refreshed,
    idle,
    /** how many scrapes (or renderings) were begun so far: compared, never shown */
    scrapes: () => begun,
    serving: counted,
    render,
    renderGzip,
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
