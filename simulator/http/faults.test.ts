import { afterEach, describe, expect, it } from 'vitest';
import { type Simulator, type SimulatorOptions, startSimulator } from '../index.js';
import { apiGet, FIXED_NOW, manualClock, oauthToken, V2, V2023 } from '../test-helpers.js';

describe('simulator faults, rate limit and request log', () => {
  let sim: Simulator;
  let token: string;
  afterEach(() => sim.close());
  async function start(options: SimulatorOptions = {}) {
    sim = await startSimulator({ now: () => FIXED_NOW, ...options });
    token = await oauthToken(sim);
  }
  const groups = () => apiGet(sim, token, `${V2}/groups`);

  it('answers scripted statuses in order, matched by endpoint, regex or predicate', async () => {
    await start();
    const { groupId } = sim.roles.healthyFlex;
    sim.injectFault({ match: 'groups', kind: 'status', status: 503, times: 2 });
    sim.injectFault({ match: /flexClusters$/, kind: 'status', status: 429, retryAfterSeconds: 7 });
    sim.injectFault({
      match: (r) => r.query.pageNum === '2',
      kind: 'status',
      status: 500,
      errorCode: 'BOOM',
    });
    sim.injectFault({ match: 'groups', kind: 'status', status: 502 });
    expect((await groups()).status).toBe(503);
    const second = await groups();
    expect(second.json.errorCode).toBe('SERVICE_UNAVAILABLE');
    const bad = await groups();
    expect(bad.status).toBe(502);
    expect(bad.headers.get('content-type')).toBe('text/html');
    expect((await groups()).status).toBe(200);
    const limited = await apiGet(sim, token, `${V2}/groups/${groupId}/flexClusters`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    const boom = await apiGet(sim, token, `${V2}/groups?pageNum=2`);
    expect(boom.json).toMatchObject({ error: 500, errorCode: 'BOOM' });
    expect((await apiGet(sim, token, `${V2}/groups?pageNum=2`)).status).toBe(200);
  });

  it('answers any page with the first and links past it, without a count, on endless-pages', async () => {
    await start();
    sim.injectFault({ match: 'groups', kind: 'endless-pages', times: 2 });
    const first = (await groups()).json;
    const third = await apiGet(sim, token, `${V2}/groups?itemsPerPage=500&pageNum=3`);
    expect(third.status).toBe(200);
    expect(third.json.results).toEqual(first.results);
    expect(third.json.totalCount).toBeUndefined();
    const links = third.json.links as Array<{ rel: string; href: string }>;
    expect(
      links.filter((l) => l.rel === 'next').map((l) => new URL(l.href).searchParams.get('pageNum')),
    ).toEqual(['4']);
  });

  it('sends malformed JSON, truncated bodies, resets and delays', async () => {
    await start();
    sim.injectFault({ match: 'groups', kind: 'malformed-json' });
    const malformed = await groups();
    expect(malformed.status).toBe(200);
    expect(malformed.json).toBeUndefined();
    sim.injectFault({ match: 'groups', kind: 'truncated' });
    await expect(groups()).rejects.toThrow();
    sim.injectFault({ match: 'groups', kind: 'reset' });
    await expect(groups()).rejects.toThrow();
    sim.injectFault({ match: 'groups', kind: 'delay', delayMs: 120 });
    const started = Date.now();
    expect((await groups()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect(sim.requests.filter((r) => r.endpoint === 'groups').map((r) => r.status)).toEqual([
      200, 200, 0, 200,
    ]);
  });

  it('fails every data request at fault rate 1, never the token endpoint', async () => {
    await start({ faultRate: 1 });
    for (let i = 0; i < 8; i++) expect([500, 502, 503, 429]).toContain((await groups()).status);
  });

  it('enforces the token bucket and refills it by the clock', async () => {
    const clock = manualClock();
    sim = await startSimulator({ now: clock.now, rateLimit: { capacity: 3, refillMs: 60_000 } });
    token = await oauthToken(sim);
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 3; i++) remaining.push((await groups()).headers.get('ratelimit-remaining'));
    expect(remaining).toEqual(['2', '1', '0']);
    const limited = await groups();
    expect(limited.status).toBe(429);
    clock.advance(45_000);
    expect((await groups()).headers.get('retry-after')).toBe('15');
    clock.advance(15_000);
    expect((await groups()).status).toBe(200);
  });

  it('adds latency to every request', async () => {
    await start({ latencyMs: 60 });
    const started = Date.now();
    await groups();
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('logs requests for tests to assert on', async () => {
    await start();
    sim.resetRequests();
    await groups();
    await apiGet(sim, token, `${V2}/groups?itemsPerPage=1`, V2023.replace('2023', '2022'));
    expect(sim.requests).toEqual([
      {
        method: 'GET',
        path: `${V2}/groups`,
        query: {},
        status: 200,
        endpoint: 'groups',
        time: FIXED_NOW,
        accept: V2023,
      },
      {
        method: 'GET',
        path: `${V2}/groups`,
        query: { itemsPerPage: '1' },
        status: 406,
        endpoint: 'groups',
        time: FIXED_NOW,
        accept: V2023.replace('2023', '2022'),
      },
    ]);
  });
});
