import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Simulator, startSimulator } from '../../simulator/index.js';
import { createAtlasClient } from '../../src/atlas/client.js';
import { collect, memoryLogger, recordingObserver } from '../../src/atlas/test-helpers.js';
import { projectEventsEndpoint } from '../../src/resources/project-events/endpoints.js';

describe('pacing by Atlas’s published rate limits', () => {
  let sim: Simulator | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  /**
   * One connection to a simulator that sends no RateLimit headers, on a clock that moves only when
   * the client sleeps; `hold` keeps every sleep pending until `wake`.
   */
  async function paced(hold = false) {
    let nowMs = Date.now();
    const now = () => nowMs;
    const server = await startSimulator({ now });
    sim = server;
    const sleeps: number[] = [];
    const sleepers: Array<() => void> = [];
    const client = createAtlasClient({
      baseUrl: server.url,
      credentials: { kind: 'service-account', ...server.credentials.serviceAccount },
      observer: recordingObserver().observer,
      logger: memoryLogger().logger,
      maxConcurrency: 1,
      now,
      sleep: (ms) => {
        sleeps.push(ms);
        const done = () => {
          nowMs += ms;
        };
        if (!hold) return Promise.resolve(done());
        return new Promise<void>((resolve) => sleepers.push(() => resolve(done())));
      },
    });
    const events = (groupId: string) =>
      collect(
        client.list(
          projectEventsEndpoint(groupId, ['CPS_SNAPSHOT_SUCCESSFUL'], nowMs),
          (r) => r,
          AbortSignal.timeout(5000),
        ),
      );
    const wake = () => {
      for (const sleeper of sleepers.splice(0)) sleeper();
    };
    return { server, client, sleeps, events, wake };
  }

  it('spreads requests beyond a set’s capacity at its refill rate before Atlas says anything', async () => {
    const { server, client, sleeps, events } = await paced();
    const project = server.roles.healthyFlex.groupId;
    // The events bucket: 300 a project, then 100 a minute.
    for (let i = 0; i < 302; i++) await events(project);
    expect(sleeps).toEqual([600, 600]);
    await client.close();
  });

  it('gives the connection back while a request waits for its bucket, so other projects go on', async () => {
    const { server, client, sleeps, events, wake } = await paced(true);
    const dry = server.roles.healthyFlex.groupId;
    const other = server.roles.specialNameProject.groupId;
    expect(other).not.toBe(dry);
    for (let i = 0; i < 300; i++) await events(dry);
    const waiting = events(dry);
    await vi.waitFor(() => expect(sleeps).toEqual([600]));
    // The one connection is free: another project's request is answered while the first waits.
    await events(other);
    wake();
    await waiting;
    await client.close();
  });
});
