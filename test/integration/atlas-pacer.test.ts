import { afterEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../simulator/index.js';
import { createAtlasClient } from '../../src/atlas/client.js';
import { createPacer } from '../../src/atlas/pacer.js';
import { collect, memoryLogger, recordingObserver } from '../../src/atlas/test-helpers.js';
import { projectEndpoints } from '../../src/resources/projects/endpoints.js';
import { parseGroup } from '../../src/resources/projects/schema.js';

const headers = (limit: number, remaining: number) => ({
  'ratelimit-limit': String(limit),
  'ratelimit-remaining': String(remaining),
});

describe('the rate-limit pacer', () => {
  it('waits nothing while a tenth of the bucket is left, then up to the maximum', () => {
    const pacer = createPacer(2000);
    expect(pacer.delayMs('groups')).toBe(0);
    pacer.observe('groups', headers(100, 10));
    expect(pacer.delayMs('groups')).toBe(0);
    pacer.observe('groups', headers(100, 5));
    expect(pacer.delayMs('groups')).toBe(1000);
    pacer.observe('groups', headers(100, 0));
    expect(pacer.delayMs('groups')).toBe(2000);
    expect(pacer.delayMs('flex_clusters')).toBe(0);
  });

  it('ignores answers without the headers or with blank ones, and can be turned off', () => {
    const pacer = createPacer(0);
    pacer.observe('groups', headers(100, 0));
    expect(pacer.delayMs('groups')).toBe(0);
    const on = createPacer(2000);
    on.observe('groups', {});
    expect(on.delayMs('groups')).toBe(0);
    on.observe('groups', { 'ratelimit-limit': '100', 'ratelimit-remaining': '' });
    expect(on.delayMs('groups')).toBe(0);
  });
});

describe('pacing against the simulator’s token bucket', () => {
  let sim: Simulator | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  /** A client on a clock that moves only when the client sleeps, against a bucket refilled every 2 s. */
  async function bucketed(capacity: number, options: { paceMaxDelayMs: number; maxConcurrency?: number }) {
    let nowMs = Date.now();
    const now = () => nowMs;
    const server = await startSimulator({ now, rateLimit: { capacity, refillMs: 2_000 } });
    sim = server;
    const sleeps: number[] = [];
    const client = createAtlasClient({
      baseUrl: server.url,
      credentials: { kind: 'service-account', ...server.credentials.serviceAccount },
      observer: recordingObserver().observer,
      logger: memoryLogger().logger,
      now,
      sleep: async (ms) => {
        sleeps.push(ms);
        nowMs += ms;
      },
      ...options,
    });
    const list = () => collect(client.list(projectEndpoints.groups(), parseGroup, AbortSignal.timeout(5000)));
    const tooMany = () => server.requests.filter((r) => r.status === 429).length;
    return { client, sleeps, list, tooMany };
  }

  /** 60 requests one after the other against a bucket of 20. */
  async function rateLimited(paceMaxDelayMs: number): Promise<number> {
    const { client, list, tooMany } = await bucketed(20, { paceMaxDelayMs });
    for (let i = 0; i < 60; i++) await list();
    await client.close();
    const count = tooMany();
    await sim?.close();
    sim = undefined;
    return count;
  }

  it('slows down before the bucket is empty, instead of after Atlas says 429', async () => {
    const unpaced = await rateLimited(0);
    const paced = await rateLimited(2000);
    expect(unpaced).toBeGreaterThanOrEqual(2);
    expect(paced).toBe(0);
  });

  it('paces a request that was queued for a connection while the bucket ran out', async () => {
    const { client, sleeps, list, tooMany } = await bucketed(1, { paceMaxDelayMs: 2000, maxConcurrency: 1 });
    await Promise.all([list(), list()]);
    await client.close();
    // The second waited in the queue while the first emptied the bucket: it must pace, not 429.
    expect(tooMany()).toBe(0);
    expect(sleeps).toEqual([2000]);
  });
});
