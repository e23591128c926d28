import { describe, expect, it } from 'vitest';
import { PROJECT_BACKUP_MANAGER } from '../index.js';
import { contractSession, V2, V2023, V2024 } from '../test-helpers.js';
import { loadSpec } from './test-spec.js';

const { expectValid } = loadSpec('openapi-restores-subset.json');

const T = {
  flex: '/api/atlas/v2/groups/{groupId}/flexClusters/{name}/backup/restoreJobs',
  dedicated: '/api/atlas/v2/groups/{groupId}/clusters/{clusterName}/backup/restoreJobs',
};

describe('simulator contract, restore jobs (openapi-restores-subset.json)', () => {
  const api = contractSession();

  it('answers every Flex and dedicated restore list strictly valid, with RateLimit-Limit', async () => {
    const shapes = new Set<string>();
    for (const p of api.sim.world.projects.filter((x) => x.readable)) {
      for (const c of p.flex) {
        const res = await api.get(`${V2}/groups/${p.id}/flexClusters/${c.name}/backup/restoreJobs`, V2024);
        expectValid(T.flex, res, 200, '2024-11-13');
        expect(res.json.totalCount).toBe(c.restoreJobs.length);
        expect(res.headers.get('ratelimit-limit')).toBe('1200');
        for (const j of res.json.results) shapes.add(`flex ${j.status} ${j.deliveryType}`);
      }
      for (const c of p.dedicated) {
        const res = await api.get(`${V2}/groups/${p.id}/clusters/${c.name}/backup/restoreJobs`, V2023);
        expectValid(T.dedicated, res, 200, '2023-01-01');
        expect(res.json.totalCount).toBe(c.restoreJobs.length);
        for (const j of res.json.results) {
          const flags = ['failed', 'cancelled', 'expired'].filter((f) => j[f]).join('+');
          shapes.add(`dedicated ${flags || (j.finishedAt ? 'finished' : 'open')} ${j.deliveryType}`);
          // Atlas gives a dedicated job no status and no creation time
          expect(j).not.toHaveProperty('status');
          expect(j).not.toHaveProperty('createdAt');
        }
      }
    }
    expect([...shapes].sort()).toEqual(
      expect.arrayContaining([
        'flex COMPLETED DOWNLOAD',
        'flex COMPLETED RESTORE',
        'flex FAILED RESTORE',
        'flex PENDING RESTORE',
        'flex QUEUED DOWNLOAD',
        'flex RUNNING RESTORE',
        'dedicated cancelled automated',
        'dedicated expired download',
        'dedicated failed automated',
        'dedicated finished automated',
        'dedicated finished pointInTime',
        'dedicated open download',
        'dedicated open pointInTime',
      ]),
    );
  });

  it('lists Flex restore jobs newest first; a ready download has its URL', async () => {
    const { groupId, name } = api.sim.roles.healthyFlex;
    const res = await api.get(`${V2}/groups/${groupId}/flexClusters/${name}/backup/restoreJobs`, V2024);
    const scheduled = res.json.results.map((j: { restoreScheduledDate: string }) => j.restoreScheduledDate);
    expect(scheduled).toEqual([...scheduled].sort().reverse());
    const download = res.json.results.find((j: { deliveryType: string }) => j.deliveryType === 'DOWNLOAD');
    expect(download.snapshotUrl).toMatch(/^https:\/\//);
  });

  it('refuses the dedicated lists, not the Flex ones, for credentials without Project Backup Manager', async () => {
    const { failedRestore } = api.sim.roles;
    api.sim.setMissingRoles([PROJECT_BACKUP_MANAGER]);
    try {
      const d = failedRestore.dedicated;
      const refused = await api.get(`${V2}/groups/${d.groupId}/clusters/${d.name}/backup/restoreJobs`, V2023);
      expectValid(T.dedicated, refused, 401);
      expect(refused.json.errorCode).toBe('USER_UNAUTHORIZED');
      const f = failedRestore.flex;
      const flex = await api.get(
        `${V2}/groups/${f.groupId}/flexClusters/${f.name}/backup/restoreJobs`,
        V2024,
      );
      expectValid(T.flex, flex, 200, '2024-11-13');
    } finally {
      api.sim.setMissingRoles([]);
    }
  });

  it('answers a Flex name in the Cluster API and a wrong version as ApiErrors', async () => {
    const { healthyFlex: hf, healthyDedicated: hd } = api.sim.roles;
    const viaClusters = await api.get(
      `${V2}/groups/${hf.groupId}/clusters/${hf.name}/backup/restoreJobs`,
      V2023,
    );
    expectValid(T.dedicated, viaClusters, 400);
    expect(viaClusters.json.errorCode).toBe('CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API');
    const wrong = await api.get(`${V2}/groups/${hd.groupId}/clusters/${hd.name}/backup/restoreJobs`, V2024);
    expectValid(T.dedicated, wrong, 406);
  });
});
