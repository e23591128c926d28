import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../simulator/index.js';
import type { AtlasClient } from '../../src/atlas/api.js';
import { createAtlasClient } from '../../src/atlas/client.js';
import { recordingObserver } from '../../src/atlas/test-helpers.js';
import { createCollector } from '../../src/collect/collector.js';
import { PROJECTS_PER_TURN } from '../../src/collect/refresh.js';
import { DEFAULT_COLLECTORS } from '../../src/collectors/test-readings.js';
import { parseConfig } from '../../src/config/parse.js';
import { KINDS } from '../../src/kinds/index.js';

describe('the projects of one refresh', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ projects: 3 * PROJECTS_PER_TURN, clusters: 1 });
  });
  afterAll(() => sim.close());

  it('start a few per turn of the event loop, not all in one task', async () => {
    const parsed = parseConfig(
      [`--atlas.base-url=${sim.url}`],
      {
        MONGODB_ATLAS_CLIENT_ID: sim.credentials.serviceAccount.clientId,
        MONGODB_ATLAS_CLIENT_SECRET: sim.credentials.serviceAccount.clientSecret,
      },
      () => '',
    );
    if (parsed.kind !== 'run' || !parsed.config.credentials) throw new Error(JSON.stringify(parsed));
    const { config } = parsed;
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
    // Turns of the event loop counted by a setImmediate that sets the next one; each project's
    // events read (its first request) is asked for in the turn that starts the project.
    let turn = 0;
    let ticking = setImmediate(function tick() {
      turn += 1;
      ticking = setImmediate(tick);
    });
    const eventsReadsPerTurn = new Map<number, number>();
    const counting: AtlasClient = {
      ...client,
      list(endpoint, parseItem, signal) {
        if (endpoint.name === 'project_events')
          eventsReadsPerTurn.set(turn, (eventsReadsPerTurn.get(turn) ?? 0) + 1);
        return client.list(endpoint, parseItem, signal);
      },
    };
    const collector = createCollector({
      client: counting,
      kinds: KINDS,
      collectors: DEFAULT_COLLECTORS,
      settings: { ...config.atlas, collector: {}, shard: config.shard },
      logger,
      now: Date.now,
    });
    await collector.refreshNow();
    clearImmediate(ticking);
    expect(collector.state().projects.size).toBeGreaterThanOrEqual(3 * PROJECTS_PER_TURN);
    const reads = [...eventsReadsPerTurn.values()];
    expect(reads.reduce((a, b) => a + b, 0)).toBe(collector.state().projects.size);
    expect(Math.max(...reads)).toBe(PROJECTS_PER_TURN);
    await collector.stop();
    await client.close();
  });
});
