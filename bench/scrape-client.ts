// How the scrape-load process scrapes: the step's scrape, which reads its body for the pending
// events, and the scrapes fired every so often as Prometheus sends them.
import { request } from 'undici';
import { SCRAPE_TIMEOUT_MS } from './common.js';
import type { BackupEvent } from './events.js';
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

export const STEP_HEADERS = { 'x-prometheus-scrape-timeout-seconds': '600' };
/** What Prometheus 3 sends with a scrape, on its default scrape protocols and timeout. */
export const PROMETHEUS_HEADERS = {
  accept:
    'application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,' +
    'application/openmetrics-text;version=0.0.1;q=0.5,text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,' +
    'text/plain;version=0.0.4;q=0.3,*/*;q=0.2',
  'accept-encoding': 'gzip',
  'x-prometheus-scrape-timeout-seconds': String(SCRAPE_TIMEOUT_MS / 1000),
};

async function get(url: string, headers: Record<string, string>, keep = false): Promise<Read> {
  const t0 = performance.now();
  try {
    const res = await request(url, { headers });
    const bytes = await res.body.arrayBuffer();
    const ms = performance.now() - t0;
    return { ms, status: res.statusCode, body: keep ? Buffer.from(bytes) : undefined };
  } catch {
    // A socket closed mid-body (UND_ERR_SOCKET, ECONNRESET) must not end a run of minutes.
    return { ms: performance.now() - t0, status: 'reset' };
  }
}

/** One scrape as read: its body only when kept. */
interface Read {
  ms: number;
  status: ScrapeStatus;
  body?: Buffer;
}

/** The step's scrape as read: its body, kept when events are watched, not yet searched. */
export type StepRead = Read & { resets: number };

/** The step's scrape: a broken connection is retried, as its body says which events are seen. */
export async function stepGet(url: string, watch: readonly BackupEvent[]): Promise<StepRead> {
  for (let resets = 0; ; resets++) {
    const r = await get(url, STEP_HEADERS, watch.length > 0);
    if (r.status !== 'reset' || resets === 3) return { ...r, resets };
  }
}

/**
 * Which of the events in `watch` the step's scrape shows. Apart from the read: searching MBs of
 * text blocks this process, and a scrape fired meanwhile would sit unread, its answer's end
 * counted as the exporter's wait.
 */
export function seen({ body, ...read }: StepRead, watch: readonly BackupEvent[]): StepScrape {
  return { ...read, visible: body ? visibleIn(body.toString(), watch) : [] };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Scrapes `url` as Prometheus does every `everyMs`, without waiting for answers, until stopped. */
export function fireEvery(url: string, everyMs: number): { stop(): Promise<Fired> } {
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
