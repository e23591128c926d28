import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../simulator/index.js';
import type { AnyCollector } from '../../src/collectors/collector.js';
import { snapshots } from '../../src/collectors/snapshots/collector.js';
import { DEFAULT_COLLECTORS } from '../../src/collectors/test-readings.js';
import { directCollector } from './direct-collector.js';

describe('cluster reads in flight during one refresh', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ projects: 6, clusters: 20, dedicated: 6, latencyMs: 2 });
  });
  afterAll(() => sim.close());

  it('stay at 4 × --atlas.max-concurrency while every cluster is read once', async () => {
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
    const { collector, close } = directCollector(sim, ['--atlas.max-concurrency=2'], {
      collectors: DEFAULT_COLLECTORS.map(counted),
    });
    await collector.refreshNow();
    const state = collector.state();
    expect(state.error).toBeUndefined();
    expect(state.up).toBe(true);
    expect(reads).toBeGreaterThan(100);
    // each cluster with snapshots to read (dedicated ones without backup have none) read once
    expect(reads).toBe([...state.clusters.values()].filter((r) => snapshots.applies(r.info)).length);
    expect(peak).toBe(8);
    await close();
  });
});
