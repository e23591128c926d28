// The tail of a scrape that meets a refresh, as the exporter's own process sees it: a scrape whose
// data is older than --atlas.cache-ttl waits for Atlas by contract, so what the exporter adds is
// only what comes after the refresh lands. Instants are compared in this one process's clock.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** When the exporter's server read a request and when its answer was handed to the kernel. */
export interface Answer {
  t0: number;
  t1: number;
}

/** Each answer of `server` from now until `stop()`, in `performance.now()` of this process. */
export function watchAnswers(server: Server): { answers: Answer[]; stop(): void } {
  const answers: Answer[] = [];
  // first in line, so that the exporter's own handler has not yet run when the arrival is stamped
  const onRequest = (_req: IncomingMessage, res: ServerResponse) => {
    const t0 = performance.now();
    res.on('finish', () => answers.push({ t0, t1: performance.now() }));
  };
  server.prependListener('request', onRequest);
  return { answers, stop: () => server.off('request', onRequest) };
}

/** What the exporter itself made the answers of one refresh wait, in ms. */
export interface PastLanding {
  /** arrived before the refresh landed, answered after: from the landing to the answer */
  joined: number[];
  /** arrived after the refresh landed: the whole answer */
  after: number[];
  /** answered before the refresh landed: from the cache, or at their scrape timeout */
  before: number[];
}

/** Splits `answers` by the refresh's landing, `landedAt` in the same clock as theirs. */
export function pastLanding(answers: readonly Answer[], landedAt: number): PastLanding {
  const out: PastLanding = { joined: [], after: [], before: [] };
  for (const { t0, t1 } of answers) {
    if (t1 < landedAt) out.before.push(t1 - t0);
    else if (t0 < landedAt) out.joined.push(t1 - landedAt);
    else out.after.push(t1 - t0);
  }
  return out;
}

/** The exporter's own wait of every answer that did not finish before the landing. */
export const ownWait = (p: PastLanding): number[] => [...p.joined, ...p.after];
