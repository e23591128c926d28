// The scrapes fired while a warm refresh runs, in a child process of their own: reading ten bodies
// of several MB at once is the client's work, not the exporter's, and must not show up in the
// event-loop delay of the exporter's thread.
import { request } from 'undici';
import { serveRpc } from './rpc.js';

export interface ScrapeSample {
  /** the scrape that waits for the refresh (the step's scrape) */
  main: { ms: number; status: number };
  /** the scrapes fired every `everyMs` until it returned */
  during: number[];
  statuses: number[];
}

async function get(url: string, headers: Record<string, string>) {
  const t0 = performance.now();
  const res = await request(url, { headers });
  await res.body.arrayBuffer();
  return { ms: performance.now() - t0, status: res.statusCode };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

await serveRpc<Record<string, never>>(async () => ({
  ready: true,
  ops: {
    async sample(arg): Promise<ScrapeSample> {
      const { url, everyMs } = arg as { url: string; everyMs: number };
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
      const main = await get(url, { 'x-prometheus-scrape-timeout-seconds': '600' });
      stop = true;
      await loop;
      await Promise.all(background);
      return { main, during, statuses };
    },
    close: () => undefined,
  },
}));
