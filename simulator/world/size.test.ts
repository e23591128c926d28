import { afterEach, describe, expect, it } from 'vitest';
import { buildScenario, type Simulator, startSimulator } from '../index.js';
import { apiGet, FIXED_NOW, oauthToken, V2 } from '../test-helpers.js';
import { applySize } from './size.js';

describe('simulator size knobs for the benchmark', () => {
  const sims: Simulator[] = [];
  afterEach(async () => {
    await Promise.all(sims.splice(0).map((s) => s.close()));
  });

  it('`serverless` gives exactly that many instances in readable projects, and Flex-only fills', () => {
    const world = buildScenario(1, FIXED_NOW).world;
    applySize(world, { projects: 20, clusters: 10, serverless: 30, snapshots: 2 }, 1, FIXED_NOW);
    const readable = world.projects.filter((p) => p.readable);
    expect(readable.flatMap((p) => p.serverless)).toHaveLength(30);
    const added = readable.flatMap((p) => p.serverless.filter((s) => /-sl-\d+$/.test(s.name)));
    expect(added.every((s) => s.snapshots.length === 2 && !s.migratedToFlex)).toBe(true);
    // No project got a serverless instance from the per-project fill: only `-sl-` names were added.
    const plain = buildScenario(1, FIXED_NOW).world.projects.filter((p) => p.readable);
    const defaultCount = plain.flatMap((p) => p.serverless).length;
    expect(added).toHaveLength(30 - defaultCount);
    for (const p of readable.slice(3)) expect(p.flex).toHaveLength(10);
  });

  it('without `serverless` every fifth added cluster stays serverless', () => {
    const world = buildScenario(1, FIXED_NOW).world;
    applySize(world, { projects: 5, clusters: 10 }, 1, FIXED_NOW);
    const added = world.projects.filter((p) => p.readable).slice(3);
    for (const p of added) expect([p.flex.length, p.serverless.length]).toEqual([8, 2]);
  });

  it('logs the Accept header and can change its latency at run time', async () => {
    const sim = await startSimulator({ now: () => FIXED_NOW, latencyMs: 0 });
    sims.push(sim);
    const token = await oauthToken(sim);
    sim.resetRequests();
    await apiGet(sim, token, `${V2}/groups`);
    expect(sim.requests[0]?.accept).toBe('application/vnd.atlas.2023-01-01+json');
    sim.setLatencyMs(120);
    const t0 = performance.now();
    await apiGet(sim, token, `${V2}/groups`);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(100);
  });
});
