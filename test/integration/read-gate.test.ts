import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../simulator/index.js';
import { createAtlasClient } from '../../src/atlas/client.js';
import { recordingObserver } from '../../src/atlas/test-helpers.js';
import { createCollector } from '../../src/collect/collector.js';
import type { AnyCollector } from '../../src/collectors/collector.js';
import { snapshots } from '../../src/collectors/snapshots/collector.js';
import { DEFAULT_COLLECTORS } from '../../src/collectors/test-readings.js';
import { parseConfig } from '../../src/config/parse.js';
import { KINDS } from '../../src/kinds/index.js';

describe('cluster reads in flight during one refresh', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ projects: 6, clusters: 20, dedicated: 6, latencyMs: 2 });
  });
  afterAll(() => sim.close());

  it('stay at 4 × --atlas.max-concurrency while every cluster is read once', async () => {
    const parsed = parseConfig(
      [`--atlas.base-url=${sim.url}`, '--atlas.max-concurrency=2'],
      {
        MONGODB_ATLAS_CLIENT_ID: sim.credentials.serviceAccount.clientId,
        MONGODB_ATLAS_CLIENT_SECRET: sim.credentials.serviceAccount.clientSecret,
      },
      () => '',
    );
    if (parsed.kind !== 'run') throw new Error(JSON.stringify(parsed));
    const { config } = parsed;
    if (!config.credentials) throw new Error('no credentials');
    let running = 0;
    let peak = 0;
    let reads = 0;
    // Every list a cluster's read asks for in turn (its schedule, its snapshots) counts while in flight.
    const counted = (c: AnyCollector): AnyCollector => ({
      ...c,
      async read(info, ctx) {
        running += 1;
        if (c === snapshots) reads += 1;
        peak = Math.max(peak, running);
        try {
          return await c.read(info, ctx);
        } finally {
          running -= 1;
        }
      },
    });
    const collectors = DEFAULT_COLLECTORS.map(counted);
    const logger = pino({ level: 'silent' });
    const client = createAtlasClient({
      baseUrl: sim.url,
      credentials: config.credentials,
      requestTimeoutMs: config.atlas.requestTimeoutMs,
      maxRetries: 0,
      observer: recordingObserver().observer,
      maxConcurrency: config.atlas.maxConcurrency,
      logger,
      userAgent: 'test',
      now: Date.now,
    });
    const collector = createCollector({
      client,
      kinds: KINDS,
      collectors,
      settings: { ...config.atlas, collector: {}, shard: config.shard },
      logger,
      now: Date.now,
    });
    await collector.refreshNow();
    const state = collector.state();
    expect(state.error).toBeUndefined();
    expect(state.up).toBe(true);
    expect(reads).toBeGreaterThan(100);
    // each cluster with snapshots to read (dedicated ones without backup have none) read once
    expect(reads).toBe([...state.clusters.values()].filter((r) => snapshots.applies(r.info)).length);
    expect(peak).toBe(8);
    await collector.stop();
    await client.close();
  });
});
