// The steady state's scrapes, in a child process of their own: reading /metrics bodies of several
// MB (ten at once while a refresh runs) is the client's work, not the exporter's, and must show up
// neither in the exporter's event-loop delay nor in its process's RSS. It also finds the pending
// snapshot events that a step's body shows, so the bench process never holds a body. The floor's
// replay runs here too: its thousands of parsed bodies are the bench's garbage, not the exporter's.
import { request } from 'undici';
import type { RequestLogEntry } from '../simulator/index.js';
import { SCRAPE_TIMEOUT_MS } from './common.js';
import type { BackupEvent } from './events.js';
import { replay } from './floor.js';
import { serveRpc } from './rpc.js';
import { backupSeries, compareSeries, type SeriesComparison } from './series.js';
import { visibleIn } from './visibility.js';

/** a status, or `reset`: the connection broke before an answer (busy machine), counted, not fatal */
export type ScrapeStatus = number | 'reset';

export interface StepScrape {
  ms: number;
  status: ScrapeStatus;
  /** connections that broke before this scrape got its answer (it is sent again, up to 3 times) */
  resets: number;
  /** indexes into the `watch` list sent with the scrape of the events the body shows */
  visible: number[];
}

/** Scrapes fired every `everyMs` while something else ran: their times and statuses. */
export interface Fired {
  during: number[];
  statuses: ScrapeStatus[];
}

export interface ScrapeSample extends Fired {
  /** the step's scrape, which waits for the refresh */
  main: StepScrape;
}

export interface SeriesSample {
  ms: number[];
  /** of the last body as sent (gzipped or not) */
  bytes: number;
  body: string;
}

const STEP_HEADERS = { 'x-prometheus-scrape-timeout-seconds': '600' };
/** What Prometheus 3 sends with a scrape, on its default scrape protocols and timeout. */
const PROMETHEUS_HEADERS = {
  accept:
    'application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,' +
    'application/openmetrics-text;version=0.0.1;q=0.5,text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,' +
    'text/plain;version=0.0.4;q=0.3,*/*;q=0.2',
  'accept-encoding': 'gzip',
  'x-prometheus-scrape-timeout-seconds': String(SCRAPE_TIMEOUT_MS / 1000),
};

async function get(
  url: string,
  headers: Record<string, string>,
  watch: readonly BackupEvent[] = [],
): Promise<Omit<StepScrape, 'resets'>> {
  const t0 = performance.now();
  try {
    const res = await request(url, { headers });
    let body = '';
    if (watch.length > 0) body = await res.body.text();
    else await res.body.arrayBuffer();
    const ms = performance.now() - t0;
    return { ms, status: res.statusCode, visible: visibleIn(body, watch) };
  } catch {
    // A socket closed mid-body (UND_ERR_SOCKET, ECONNRESET) must not end a run of minutes.
    return { ms: performance.now() - t0, status: 'reset', visible: [] };
  }
}

/** The step's scrape: its body says which events are seen, so a broken connection is retried. */
async function stepGet(url: string, watch: readonly BackupEvent[]): Promise<StepScrape> {
  for (let resets = 0; ; resets++) {
    const r = await get(url, STEP_HEADERS, watch);
    if (r.status !== 'reset' || resets === 3) return { ...r, resets };
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Scrapes `url` as Prometheus does every `everyMs`, without waiting for answers, until stopped. */
function fireEvery(url: string, everyMs: number): { stop(): Promise<Fired> } {
  const fired: Fired = { during: [], statuses: [] };
  const answers: Promise<void>[] = [];
  let stop = false;
  const loop = (async () => {
    while (!stop) {
      answers.push(
        get(url, PROMETHEUS_HEADERS).then((r) => {
          fired.during.push(r.ms);
          fired.statuses.push(r.status);
        }),
      );
      await sleep(everyMs);
    }
  })();
  return {
    async stop() {
      stop = true;
      await loop;
      await Promise.all(answers);
      return fired;
    },
  };
}

/** the scrapes between `fire` and `stopFiring`: one such series at a time */
let firing: { stop(): Promise<Fired> } | undefined;

await serveRpc<Record<string, never>>(async () => ({
  ready: true,
  ops: {
    scrape(arg): Promise<StepScrape> {
      const { url, watch } = arg as { url: string; watch: BackupEvent[] };
      return stepGet(url, watch);
    },
    /** the step's scrape, and scrapes every `everyMs` until it returns */
    async sample(arg): Promise<ScrapeSample> {
      const { url, everyMs, watch } = arg as { url: string; everyMs: number; watch: BackupEvent[] };
      const fired = fireEvery(url, everyMs);
      const main = await stepGet(url, watch);
      return { main, ...(await fired.stop()) };
    },
    /** scrapes every `everyMs` until `stopFiring`, for what the step's scrape does not bound */
    fire(arg): void {
      const { url, everyMs } = arg as { url: string; everyMs: number };
      if (firing) throw new Error('already firing');
      firing = fireEvery(url, everyMs);
    },
    stopFiring(): Promise<Fired> {
      if (!firing) throw new Error('fire first');
      const done = firing.stop();
      firing = undefined;
      return done;
    },
    /**
     * `n` scrapes one after another (after 3 not counted), from this process as Prometheus
     * scrapes from its own: read in the exporter's process, a body of MBs is garbage in its heap
     * (a major GC every few scrapes at M), timed as if the exporter made it. The last body's text
     * only when asked.
     */
    async series(arg): Promise<SeriesSample> {
      const { url, n, gzip, body } = arg as { url: string; n: number; gzip: boolean; body: boolean };
      const headers: Record<string, string> = gzip ? { 'accept-encoding': 'gzip' } : {};
      const ms: number[] = [];
      let last = Buffer.alloc(0);
      for (let i = 0; i < n + 3; i++) {
        const t0 = performance.now();
        const res = await request(url, { headers });
        last = Buffer.from(await res.body.arrayBuffer());
        if (res.statusCode !== 200) throw new Error(`scrape ${url}: ${res.statusCode}`);
        if (i >= 3) ms.push(performance.now() - t0);
      }
      return { ms, bytes: last.length, body: body ? last.toString() : '' };
    },
    /** scrapes the shards and the unsharded exporter (fresh, at one frozen time) and compares their series */
    async compare(arg): Promise<SeriesComparison & { wholeBytes: number; partBytes: number[] }> {
      const { parts, whole } = arg as { parts: string[]; whole: string };
      const bodies = await Promise.all(
        [whole, ...parts].map(async (url) => {
          const res = await request(url, { headers: STEP_HEADERS });
          if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
          return res.body.text();
        }),
      );
      const [wholeBody = '', ...partBodies] = bodies;
      return {
        ...compareSeries(backupSeries(wholeBody), partBodies.map(backupSeries)),
        wholeBytes: Buffer.byteLength(wholeBody),
        partBytes: partBodies.map((b) => Buffer.byteLength(b)),
      };
    },
    replay(arg): Promise<{ ms: number; failed: number }> {
      const { url, token, entries, concurrency } = arg as {
        url: string;
        token: string;
        entries: RequestLogEntry[];
        concurrency: number;
      };
      return replay(url, token, entries, concurrency);
    },
    close: () => undefined,
  },
}));
