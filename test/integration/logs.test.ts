import { describe, expect, it } from 'vitest';
import { harnessPerTest, movableClock } from './harness.js';

const start = harnessPerTest();

/** Keys that occur twice in one object of a JSON text; JSON.parse would silently keep the last. */
function duplicateKeys(text: string): string[] {
  const duplicates: string[] = [];
  // One entry per open object (its keys so far) or array (undefined).
  const open: Array<Set<string> | undefined> = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{') open.push(new Set());
    else if (c === '[') open.push(undefined);
    else if (c === '}' || c === ']') open.pop();
    else if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const rest = text.slice(end + 1).trimStart();
      const keys = open.at(-1);
      if (rest.startsWith(':') && keys) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (keys.has(key)) duplicates.push(key);
        keys.add(key);
      }
      i = end;
    }
  }
  return duplicates;
}

describe('log lines', () => {
  it('finds a duplicate key, nested or not', () => {
    expect(duplicateKeys('{"a":1,"b":{"a":"x\\"y","c":[{"a":1}]},"a":2}')).toEqual(['a']);
    expect(duplicateKeys('{"a":"b","c":["a","a"],"d":{"a":1}}')).toEqual([]);
  });

  it('carry each key once, at every level, the debug ones included', async () => {
    const clock = movableClock();
    const h = await start({
      now: clock.now,
      sim: { now: clock.now },
      logLevel: 'debug',
      args: ['--atlas.max-retries=1'],
    });
    await h.scrape();
    // Retries, a failed listing and its recovery: the lines the atlas client and the collector write.
    h.sim.injectFault({ match: 'groups', kind: 'status', status: 503 });
    h.sim.injectFault({ match: 'flex_clusters', kind: 'status', status: 500, times: 100 });
    clock.advance(6 * 60_000);
    await h.scrape();
    h.sim.clearFaults();
    clock.advance(6 * 60_000);
    await h.scrape();
    expect(h.rawLogs.filter((l) => l.includes('"level":"debug"')).length).toBeGreaterThan(0);
    expect(h.rawLogs.filter((l) => l.includes('"component"')).length).toBeGreaterThan(0);
    expect(h.rawLogs.filter((l) => duplicateKeys(l).length > 0)).toEqual([]);
  });
});
