import { describe, expect, it } from 'vitest';
import { PROJECT_BACKUP_MANAGER } from '../index.js';
import { contractSession, V2, V2023 } from '../test-helpers.js';
import { loadSpec } from './test-spec.js';

const { expectValid } = loadSpec('openapi-posture-subset.json');

const T = '/api/atlas/v2/groups/{groupId}/clusters/{clusterName}/collectionRestoreJobs';
const VERSION = '2025-03-12';
const V2025 = `application/vnd.atlas.${VERSION}+json`;

describe('simulator contract, collection-level restore jobs (openapi-posture-subset.json)', () => {
  const api = contractSession(V2025);
  const listOf = (groupId: string, name: string) =>
    `${V2}/groups/${groupId}/clusters/${name}/collectionRestoreJobs`;

  it('answers every dedicated cluster strictly valid, with every state among them', async () => {
    const states = new Set<string>();
    for (const p of api.sim.world.projects.filter((x) => x.readable)) {
      for (const c of p.dedicated) {
        const res = await api.get(listOf(p.id, c.name));
        expectValid(T, res, 200, VERSION);
        expect(res.json.totalCount).toBe(c.collectionRestoreJobs.length);
        expect(res.headers.get('ratelimit-limit')).toBe('1200');
        for (const j of res.json.results) {
          states.add(j.state);
          // an unfinished job has no finishedAt; an ended one that did not succeed says why
          expect('finishedAt' in j).toBe(['SUCCESSFUL', 'FAILED', 'CANCELED'].includes(j.state));
          if (j.state === 'FAILED' || j.state === 'CANCELED') expect(j.errorMessage).toBeTruthy();
        }
      }
    }
    expect([...states].sort()).toEqual(
      ['CANCELED', 'FAILED', 'FINALIZING', 'INITIALIZING', 'IN_PROGRESS', 'SUCCESSFUL'].sort(),
    );
  });

  it('shows the slow restore: the newest successful one took over 6 hours', async () => {
    const { groupId, name } = api.sim.roles.slowRestore;
    const res = await api.get(listOf(groupId, name));
    const done = res.json.results.filter((j: { state: string }) => j.state === 'SUCCESSFUL');
    const took = done.map(
      (j: { createdAt: string; finishedAt: string }) => Date.parse(j.finishedAt) - Date.parse(j.createdAt),
    );
    expect(Math.min(...took)).toBeGreaterThan(6 * 3_600_000);
  });

  it('refuses credentials without Project Backup Manager, a Flex name and a wrong version', async () => {
    const d = api.sim.roles.healthyDedicated;
    api.sim.setMissingRoles([PROJECT_BACKUP_MANAGER]);
    try {
      const refused = await api.get(listOf(d.groupId, d.name));
      expectValid(T, refused, 401);
      expect(refused.json.errorCode).toBe('USER_UNAUTHORIZED');
    } finally {
      api.sim.setMissingRoles([]);
    }
    const f = api.sim.roles.healthyFlex;
    const viaClusters = await api.get(listOf(f.groupId, f.name));
    expectValid(T, viaClusters, 400);
    expect(viaClusters.json.errorCode).toBe('CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API');
    expectValid(T, await api.get(listOf(d.groupId, d.name), V2023), 406);
  });
});
