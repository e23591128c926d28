import type { Logger } from 'pino';

/** V8's gc(): a global when Node runs with --expose-gc, as the container image starts it. */
export type Gc = (options: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

/** How long no scrape must begin after a refresh before its memory is given back. */
export const RELEASE_QUIET_MS = 1000;

/** What tells whether scrapes are under way: the metrics (metrics.ts). */
export interface Scrapes {
  /** resolves at a moment no scrape is being served, nor waits for a refresh */
  idle(): Promise<void>;
  /** how many scrapes were begun so far */
  scrapes(): number;
}

/**
 * V8 keeps the heap a refresh grew to: at 5,000 clusters it commits 30-40 MiB more than it uses
 * once the refresh is over, the peak of Atlas's answers parsed at once, and holds those pages
 * resident. Its memory reducer would give them back, but it starts only while the allocation
 * rate it last measured is low, and a process that sleeps between refreshes runs no GC to
 * measure it again. A last-resort GC gives them back: at L 60-140 ms of a blocked event loop,
 * so it runs once per refresh and only after `quietMs` in which no scrape began (bench/README.md,
 * "Memory"). Without `gc` (Node started without --expose-gc) nothing is done.
 */
export function createMemoryRelease(deps: {
  readonly gc: Gc | undefined;
  readonly scrapes: Scrapes;
  readonly quietMs: number;
  readonly logger: Logger;
}) {
  const { gc, scrapes, quietMs, logger } = deps;
  /** the latest refresh's release: an older one still waiting for quiet gives way */
  let latest = 0;
  const quiet = () =>
    new Promise<void>((resolve) => {
      setTimeout(resolve, quietMs).unref();
    });

  /** After a refresh whose page is made: releases its memory at the first quiet moment. */
  async function afterRefresh(): Promise<void> {
    if (!gc) return;
    const mine = ++latest;
    for (;;) {
      await scrapes.idle();
      const begun = scrapes.scrapes();
      await quiet();
      if (mine !== latest) return;
      if (scrapes.scrapes() === begun) break;
    }
    const before = process.memoryUsage.rss();
    const start = performance.now();
    gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
    logger.debug(
      {
        durationMs: Math.round(performance.now() - start),
        releasedMiB: Math.round((before - process.memoryUsage.rss()) / 2 ** 20),
      },
      'released the memory of the refresh',
    );
  }

  return { afterRefresh };
}
