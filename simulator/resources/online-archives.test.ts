import { describe, expect, it } from 'vitest';
import { contractSession, V2, V2023 } from '../test-helpers.js';
import { PROJECT_READ_ONLY } from './online-archives.js';
import { loadSpec } from './test-spec.js';

const { expectValid } = loadSpec('openapi-cost-compliance-subset.json');

const T = '/api/atlas/v2/groups/{groupId}/clusters/{clusterName}/onlineArchives';
const path = (c: { groupId: string; name: string }) =>
  `${V2}/groups/${c.groupId}/clusters/${c.name}/onlineArchives`;

describe('simulator contract, online archives (openapi-cost-compliance-subset.json)', () => {
  const api = contractSession(V2023);

  it('answers every dedicated cluster strictly valid, with active, paused, orphaned and deleted archives', async () => {
    const states: string[] = [];
    for (const p of api.sim.world.projects.filter((x) => x.readable)) {
      for (const c of p.dedicated) {
        const res = await api.get(path(c));
        expectValid(T, res, 200, '2023-01-01');
        expect(res.json.totalCount).toBe(c.onlineArchives?.length ?? 0);
        for (const a of res.json.results) {
          states.push(a.state);
          expect(a).toMatchObject({ clusterName: c.name, groupId: p.id });
          expect(a.paused).toBe(a.state === 'PAUSED');
        }
      }
    }
    expect(states.sort()).toEqual(['ACTIVE', 'DELETED', 'DELETED', 'ORPHANED', 'PAUSED']);
    const { active, deletedOnly } = api.sim.roles.archives;
    expect((await api.get(path(active))).json.results.map((a: { state: string }) => a.state)).toEqual([
      'ACTIVE',
      'DELETED',
    ]);
    expect((await api.get(path(deletedOnly))).json.results).toHaveLength(1);
  });

  it('pages the list', async () => {
    const { active } = api.sim.roles.archives;
    const first = await api.get(`${path(active)}?itemsPerPage=1&pageNum=1`);
    expectValid(T, first, 200, '2023-01-01');
    expect(first.json.results).toHaveLength(1);
    expect(first.json.links.some((l: { rel: string }) => l.rel === 'next')).toBe(true);
    const second = await api.get(`${path(active)}?itemsPerPage=1&pageNum=2`);
    expect(second.json.results[0]._id).not.toBe(first.json.results[0]._id);
  });

  it('answers an unknown cluster 404 and refuses credentials without Project Read Only', async () => {
    const { active } = api.sim.roles.archives;
    const missing = await api.get(path({ groupId: active.groupId, name: 'nope' }));
    expectValid(T, missing, 404);
    expect(missing.json.errorCode).toBe('CLUSTER_NOT_FOUND');
    api.sim.setMissingRoles([PROJECT_READ_ONLY]);
    try {
      const refused = await api.get(path(active));
      expectValid(T, refused, 401);
      expect(refused.json.errorCode).toBe('USER_UNAUTHORIZED');
    } finally {
      api.sim.setMissingRoles([]);
    }
  });
});
