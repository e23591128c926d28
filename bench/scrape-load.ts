// The steady state's scrapes, in a child process of their own: reading /metrics bodies of several
// MB (ten at once while a refresh runs) is the client's work, not the exporter's, and must show up
// neither in the exporter's event-loop delay nor in its process's RSS. It also finds the pending
// snapshot events that a step's body shows, so the bench process never holds a body. The floor's
// replay runs here too: its thousands of parsed bodies are the bench's garbage, not the exporter's.
import { request } from 'undici';
import type { RequestLogEntry } from '../simulator/index.js';
import type { BackupEvent } from './events.js';
import { replay } from './floor.js';
import { serveRpc } from './rpc.js';
import { type Fired, fireEvery, STEP_HEADERS, type StepScrape, seen, stepGet } from './scrape-client.js';
import { backupSeries, compareSeries, type SeriesComparison } from './series.js';

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

/** the scrapes between `fire` and `stopFiring`: one such series at a time */
let firing: { stop(): Promise<Fired> } | undefined;

await serveRpc<Record<string, never>>(async () => ({
  ready: true,
  ops: {
    async scrape(arg): Promise<StepScrape> {
      const { url, watch } = arg as { url: string; watch: BackupEvent[] };
      return seen(await stepGet(url, watch), watch);
    },
    /** the step's scrape, and scrapes every `everyMs` until it returns; its body searched once they are answered */
    async sample(arg): Promise<ScrapeSample> {
      const { url, everyMs, watch } = arg as { url: string; everyMs: number; watch: BackupEvent[] };
      const fired = fireEvery(url, everyMs);
      const main = await stepGet(url, watch);
      const rest = await fired.stop();
      return { main: seen(main, watch), ...rest };
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
