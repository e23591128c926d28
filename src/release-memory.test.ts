import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createMemoryRelease, type Gc } from './release-memory.js';

const logger = pino({ level: 'silent' });

/** Scrapes as the metrics count them, and a gc that records its calls. */
function world() {
  let begun = 0;
  const calls: unknown[] = [];
  const gc: Gc = (options) => {
    calls.push(options);
  };
  const scrapes = { idle: () => Promise.resolve(), scrapes: () => begun };
  return { gc, calls, scrapes, scrape: () => begun++ };
}

describe('giving a refresh its memory back', () => {
  it('runs one last-resort GC once no scrape began for the quiet time', async () => {
    const w = world();
    await createMemoryRelease({ gc: w.gc, scrapes: w.scrapes, quietMs: 10, logger }).afterRefresh();
    expect(w.calls).toEqual([{ type: 'major', execution: 'sync', flavor: 'last-resort' }]);
  });

  it('waits while scrapes keep beginning', async () => {
    const w = world();
    const scraping = setInterval(w.scrape, 5);
    const release = createMemoryRelease({ gc: w.gc, scrapes: w.scrapes, quietMs: 30, logger });
    const done = release.afterRefresh();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(w.calls).toHaveLength(0);
    clearInterval(scraping);
    await done;
    expect(w.calls).toHaveLength(1);
  });

  it('gives way to the release of a newer refresh', async () => {
    const w = world();
    const release = createMemoryRelease({ gc: w.gc, scrapes: w.scrapes, quietMs: 20, logger });
    await Promise.all([release.afterRefresh(), release.afterRefresh()]);
    expect(w.calls).toHaveLength(1);
  });

  it('does nothing when Node exposes no gc', async () => {
    const w = world();
    await createMemoryRelease({ gc: undefined, scrapes: w.scrapes, quietMs: 10, logger }).afterRefresh();
    expect(w.calls).toHaveLength(0);
  });
});
