// The steady state's scrapes, in a child process of their own: reading /metrics bodies of several
// MB (ten at once while a refresh runs) is the client's work, not the exporter's, and must show up
// neither in the exporter's event-loop delay nor in its process's RSS. It also finds the pending
// snapshot events that a step's body shows, so the bench process never holds a body.
import { request } from 'undici';
import type { BackupEvent } from './events.js';
import { serveRpc } from './rpc.js';
import { visibleIn } from './visibility.js';

export interface StepScrape {
  ms: number;
  status: number;
  /** indexes into the `watch` list sent with the scrape of the events the body shows */
  visible: number[];
}

export interface ScrapeSample {
  /** the step's scrape, which waits for the refresh */
  main: StepScrape;
  /** the scrapes fired every `everyMs` until it returned */
  during: number[];
  statuses: number[];
}

async function get(url: string, headers: Record<string, string>, watch: readonly BackupEvent[] = []) {
  const t0 = performance.now();
  const res = await request(url, { headers });
  let body = '';
  if (watch.length > 0) body = await res.body.text();
  else await res.body.arrayBuffer();
  const ms = performance.now() - t0;
  return { ms, status: res.statusCode, visible: visibleIn(body, watch) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const STEP_HEADERS = { 'x-prometheus-scrape-timeout-seconds': '600' };

await serveRpc<Record<string, never>>(async () => ({
  ready: true,
  ops: {
    scrape(arg): Promise<StepScrape> {
      const { url, watch } = arg as { url: string; watch: BackupEvent[] };
      return get(url, STEP_HEADERS, watch);
    },
    async sample(arg): Promise<ScrapeSample> {
      const { url, everyMs, watch } = arg as { url: string; everyMs: number; watch: BackupEvent[] };
      const during: number[] = [];
      const statuses: number[] = [];
      const background: Promise<void>[] = [];
      let stop = false;
      const loop = (async () => {
        while (!stop) {
          background.push(
            get(url, { 'x-prometheus-scrape-timeout-seconds': '10' }).then((r) => {
              during.push(r.ms);
              statuses.push(r.status);
            }),
          );
          await sleep(everyMs);
        }
      })();
      const main = await get(url, STEP_HEADERS, watch);
      stop = true;
      await loop;
      await Promise.all(background);
      return { main, during, statuses };
    },
    close: () => undefined,
  },
}));
