import { describe, expect, it } from 'vitest';
import type { Gc } from '../../src/release-memory.js';
import { startHarness } from './harness.js';

describe("a refresh's memory", () => {
  it('is given back by one last-resort GC once no scrape came for a second after the refresh', async () => {
    const calls: unknown[] = [];
    const gc: Gc = (options) => {
      calls.push(options);
    };
    const h = await startHarness({ gc });
    try {
      expect((await h.scrape()).status).toBe(200);
      expect(calls).toHaveLength(0);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(calls).toEqual([{ type: 'major', execution: 'sync', flavor: 'last-resort' }]);
      const released = h.logs.find((l) => l.msg === 'released the memory of the refresh');
      expect(released).toMatchObject({ durationMs: expect.any(Number), releasedMiB: expect.any(Number) });
    } finally {
      await h.close();
    }
  });
});
