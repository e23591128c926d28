import { afterEach, describe, expect, it } from 'vitest';
import { createAtlasClient } from '../../src/atlas/client.js';
import { endpoints } from '../../src/atlas/endpoints.js';
import { createPacer } from '../../src/atlas/pacer.js';
import { parseGroup } from '../../src/atlas/schemas.js';
import { type Simulator, startSimulator } from '../../src/simulator/index.js';
import { collect, memoryLogger, recordingObserver } from './atlas-helpers.js';

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

  /** 60 requests against a bucket of 20 every 2 s; time passes only when the client waits. */
  async function rateLimited(paceMaxDelayMs: number): Promise<number> {
    let nowMs = Date.now();
    const now = () => nowMs;
    sim = await startSimulator({ now, rateLimit: { capacity: 20, refillMs: 2_000 } });
    const client = createAtlasClient({
      baseUrl: sim.url,
      credentials: { kind: 'service-account', ...sim.credentials.serviceAccount },
      observer: recordingObserver().observer,
      logger: memoryLogger().logger,
      now,
      sleep: async (ms) => {
        nowMs += ms;
      },
      paceMaxDelayMs,
    });
    for (let i = 0; i < 60; i++)
      await collect(client.list(endpoints.groups(), parseGroup, AbortSignal.timeout(5000)));
    await client.close();
    const tooMany = sim.requests.filter((r) => r.status === 429).length;
    await sim.close();
    sim = undefined;
    return tooMany;
  }

  it('slows down before the bucket is empty, instead of after Atlas says 429', async () => {
    const unpaced = await rateLimited(0);
    const paced = await rateLimited(2000);
    expect(unpaced).toBeGreaterThanOrEqual(2);
    expect(paced).toBe(0);
  });

  it('paces a request that was queued for a connection while the bucket ran out', async () => {
    let nowMs = Date.now();
    const now = () => nowMs;
    sim = await startSimulator({ now, rateLimit: { capacity: 1, refillMs: 2_000 } });
    const sleeps: number[] = [];
    const client = createAtlasClient({
      baseUrl: sim.url,
      credentials: { kind: 'service-account', ...sim.credentials.serviceAccount },
      observer: recordingObserver().observer,
      logger: memoryLogger().logger,
      now,
      sleep: async (ms) => {
        sleeps.push(ms);
        nowMs += ms;
      },
      maxConcurrency: 1,
      paceMaxDelayMs: 2000,
    });
    const one = () => collect(client.list(endpoints.groups(), parseGroup, AbortSignal.timeout(5000)));
    await Promise.all([one(), one()]);
    await client.close();
    // The second waited in the queue while the first emptied the bucket: it must pace, not 429.
    expect(sim.requests.filter((r) => r.status === 429)).toHaveLength(0);
    expect(sleeps).toEqual([2000]);
  });
});
