import { describe, expect, it } from 'vitest';
import { knownLabels } from '../collect/known-labels.js';
import { enabledCollectors } from '../collectors/collector.js';
import { COLLECTORS, PROJECT_COLLECTORS } from '../collectors/index.js';
import { SUPPORTED_CLUSTER_KINDS } from '../config/kinds.js';
import { ENDPOINT_RATE_LIMIT_SETS } from './endpoints.js';
import { createPacer } from './pacer.js';

const EVENTS_A = '/api/atlas/v2/groups/aaaaaaaaaaaaaaaaaaaaaaaa/events?itemsPerPage=500&pageNum=1';
const EVENTS_B = '/api/atlas/v2/groups/bbbbbbbbbbbbbbbbbbbbbbbb/events';
const MINUTE = 60_000;

/** A pacer on a clock that moves only when told. */
function pacedAt(startMs = 1_800_000_000_000) {
  let nowMs = startMs;
  const pacer = createPacer(() => nowMs);
  const burst = (n: number, endpoint: string, target: string) =>
    Array.from({ length: n }, () => pacer.reserve(endpoint, target));
  return { pacer, burst, advance: (ms: number) => (nowMs += ms) };
}

describe('the rate-limit pacer', () => {
  it('spreads a burst beyond a set’s published capacity at its refill rate, from the first request', () => {
    const { burst, advance } = pacedAt();
    // Project events: 300 a project, 100 a minute back: one every 600 ms once the bucket is dry.
    const waits = burst(303, 'project_events', EVENTS_A);
    expect(waits.slice(0, 300).every((ms) => ms === 0)).toBe(true);
    expect(waits.slice(300)).toEqual([600, 1200, 1800]);
    // Each project has a bucket of its own.
    expect(burst(1, 'project_events', EVENTS_B)).toEqual([0]);
    // A minute refills 100, of which the three requests already promised a token keep theirs.
    advance(MINUTE);
    const next = burst(98, 'project_events', EVENTS_A);
    expect(next.slice(0, 97).every((ms) => ms === 0)).toBe(true);
    expect(next[97]).toBe(600);
  });

  it('keeps one bucket per organisation for org sets and one for the credentials for user sets', () => {
    const { burst } = pacedAt();
    const org = (id: string) => `/api/atlas/v2/orgs/${id}/groups`;
    expect(burst(501, 'org_groups', org('o1')).at(-1)).toBe(240);
    expect(burst(1, 'org_groups', org('o2'))).toEqual([0]);
    // Every project listing shares the credentials' bucket: 1200, then 500 a minute.
    expect(burst(1201, 'groups', '/api/atlas/v2/groups?pageNum=1').at(-1)).toBe(120);
    expect(burst(1, 'groups', '/api/atlas/v2/groups?pageNum=2')).toEqual([120 * 2]);
  });

  it('takes Atlas’s RateLimit headers over the published figures for that bucket only', () => {
    const { pacer, burst, advance } = pacedAt();
    pacer.observe('project_events', EVENTS_A, { 'ratelimit-limit': '20', 'ratelimit-remaining': '2' });
    expect(burst(3, 'project_events', EVENTS_A)).toEqual([0, 0, 600]);
    // The header's capacity caps the refill too: an hour later, 20 and no more.
    advance(60 * MINUTE);
    const waits = burst(21, 'project_events', EVENTS_A);
    expect(waits.filter((ms) => ms === 0)).toHaveLength(20);
    // An answer that says more is left than counted here is believed, but a promised token stays promised.
    pacer.observe('project_events', EVENTS_A, { 'ratelimit-limit': '20', 'ratelimit-remaining': '5' });
    expect(burst(5, 'project_events', EVENTS_A)).toEqual([0, 0, 0, 0, 600]);
    expect(burst(1, 'project_events', EVENTS_B)).toEqual([0]);
    // Blank or absent headers change nothing.
    pacer.observe('project_events', EVENTS_B, { 'ratelimit-limit': '20', 'ratelimit-remaining': '' });
    expect(burst(298, 'project_events', EVENTS_B).at(-1)).toBe(0);
  });

  it('never waits for the token request, which is in no set', () => {
    const { burst } = pacedAt();
    expect(burst(5000, 'oauth_token', '/api/oauth/token').every((ms) => ms === 0)).toBe(true);
  });

  it('knows the set of every endpoint the exporter can call', () => {
    const all = (names: readonly { flag?: { name: string } | undefined }[]) =>
      Object.fromEntries(names.flatMap((c) => (c.flag ? [[c.flag.name, true]] : [])));
    const { endpoints } = knownLabels(
      { orgId: 'o1', projectIds: [], clusterKinds: SUPPORTED_CLUSTER_KINDS },
      'service-account',
      enabledCollectors(COLLECTORS, all(COLLECTORS)),
      enabledCollectors(PROJECT_COLLECTORS, all(PROJECT_COLLECTORS)),
    );
    const unknown = endpoints.filter((e) => e !== 'oauth_token' && ENDPOINT_RATE_LIMIT_SETS[e] === undefined);
    expect(unknown).toEqual([]);
  });
});
