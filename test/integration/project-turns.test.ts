import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../simulator/index.js';
import type { AtlasClient } from '../../src/atlas/api.js';
import { PROJECTS_PER_TURN } from '../../src/collect/refresh.js';
import { directCollector } from './direct-collector.js';

describe('the projects of one refresh', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ projects: 3 * PROJECTS_PER_TURN, clusters: 1 });
  });
  afterAll(() => sim.close());

  it('start a few per turn of the event loop, not all in one task', async () => {
    // Turns of the event loop counted by a setImmediate that sets the next one; each project's
    // events read (its first request) is asked for in the turn that starts the project.
    let turn = 0;
    let ticking = setImmediate(function tick() {
      turn += 1;
      ticking = setImmediate(tick);
    });
    const eventsReadsPerTurn = new Map<number, number>();
    const { collector, close } = directCollector(sim, [], {
      client: (client): AtlasClient => ({
        ...client,
        list(endpoint, parseItem, signal) {
          if (endpoint.name === 'project_events')
            eventsReadsPerTurn.set(turn, (eventsReadsPerTurn.get(turn) ?? 0) + 1);
          return client.list(endpoint, parseItem, signal);
        },
      }),
    });
    await collector.refreshNow();
    clearImmediate(ticking);
    expect(collector.state().projects.size).toBeGreaterThanOrEqual(3 * PROJECTS_PER_TURN);
    const reads = [...eventsReadsPerTurn.values()];
    expect(reads.reduce((a, b) => a + b, 0)).toBe(collector.state().projects.size);
    expect(Math.max(...reads)).toBe(PROJECTS_PER_TURN);
    await close();
  });
});
