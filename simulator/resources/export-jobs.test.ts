import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_BACKUP_MANAGER, type Simulator, startSimulator } from '../index.js';
import { apiGet, FIXED_NOW, oauthToken, V2, V2023 } from '../test-helpers.js';
import { loadSpec } from './test-spec.js';

const { expectValid } = loadSpec('openapi-posture-subset.json');
const V20240530 = 'application/vnd.atlas.2024-05-30+json';

const T = {
  exports: '/api/atlas/v2/groups/{groupId}/clusters/{clusterName}/backup/exports',
  buckets: '/api/atlas/v2/groups/{groupId}/backup/exportBuckets',
};

describe('simulator contract, exports and export buckets (openapi-posture-subset.json)', () => {
  let sim: Simulator;
  let token: string;
  beforeAll(async () => {
    sim = await startSimulator({ now: () => FIXED_NOW, rateLimit: { capacity: 1200, refillMs: 60_000 } });
    token = await oauthToken(sim);
  });
  afterAll(() => sim.close());
  const get = (path: string, accept?: string) => apiGet(sim, token, path, accept);

  it('answers every export-job list strictly valid, with jobs in every state', async () => {
    const states = new Set<string>();
    for (const p of sim.world.projects.filter((x) => x.readable)) {
      for (const c of p.dedicated) {
        const res = await get(`${V2}/groups/${p.id}/clusters/${c.name}/backup/exports`, V2023);
        expectValid(T.exports, res, 200, '2023-01-01');
        expect(res.json.totalCount).toBe(c.exportJobs.length);
        for (const j of res.json.results) {
          states.add(j.state);
          expect(Boolean(j.finishedAt)).toBe(['Successful', 'Failed', 'Cancelled'].includes(j.state));
          expect(Boolean(j.stateReason)).toBe(j.state === 'Failed');
          if (c.shards > 1) expect(j.components).toHaveLength(c.shards);
        }
      }
    }
    expect([...states].sort()).toEqual(['Cancelled', 'Failed', 'InProgress', 'Queued', 'Successful']);
  });

  it('answers the bucket list at 2024-05-30 strictly valid, a bucket per provider', async () => {
    const providers: string[] = [];
    for (const p of sim.world.projects.filter((x) => x.readable)) {
      const res = await get(`${V2}/groups/${p.id}/backup/exportBuckets`, V20240530);
      expectValid(T.buckets, res, 200, '2024-05-30');
      for (const b of res.json.results) providers.push(b.cloudProvider);
      expect(res.json.results.every((b: { _id?: string }) => /^[0-9a-f]{24}$/.test(b._id ?? ''))).toBe(true);
    }
    expect(providers.sort()).toEqual(['AWS', 'AZURE', 'GCP']);
  });

  it('refuses export jobs, not buckets, for credentials without Project Backup Manager', async () => {
    const { failedExport: c } = sim.roles;
    sim.setMissingRoles([PROJECT_BACKUP_MANAGER]);
    try {
      const refused = await get(`${V2}/groups/${c.groupId}/clusters/${c.name}/backup/exports`, V2023);
      expectValid(T.exports, refused, 401);
      expect(refused.json.errorCode).toBe('USER_UNAUTHORIZED');
      const buckets = await get(`${V2}/groups/${c.groupId}/backup/exportBuckets`, V20240530);
      expectValid(T.buckets, buckets, 200, '2024-05-30');
    } finally {
      sim.setMissingRoles([]);
    }
  });

  it('states auto-export in the schedule of the clusters that export', async () => {
    const { exportingDedicated: on, healthyDedicated } = sim.roles;
    expect(on.name).toBe(healthyDedicated.name);
    const res = await get(
      `${V2}/groups/${on.groupId}/clusters/${on.name}/backup/schedule`,
      'application/vnd.atlas.2024-08-05+json',
    );
    expect(res.json).toMatchObject({ autoExportEnabled: true, export: { frequencyType: 'monthly' } });
  });
});
