import { describe, expect, it } from 'vitest';
import { PROJECT_BACKUP_MANAGER } from '../index.js';
import { contractSession, V2, V2023 } from '../test-helpers.js';
import { loadSpec } from './test-spec.js';

const { expectValid } = loadSpec('openapi-posture-subset.json');
const V20240530 = 'application/vnd.atlas.2024-05-30+json';

const T = {
  exports: '/api/atlas/v2/groups/{groupId}/clusters/{clusterName}/backup/exports',
  buckets: '/api/atlas/v2/groups/{groupId}/backup/exportBuckets',
};

describe('simulator contract, exports and export buckets (openapi-posture-subset.json)', () => {
  const api = contractSession();

  it('answers every export-job list strictly valid, with jobs in every state', async () => {
    const states = new Set<string>();
    for (const p of api.sim.world.projects.filter((x) => x.readable)) {
      for (const c of p.dedicated) {
        const res = await api.get(`${V2}/groups/${p.id}/clusters/${c.name}/backup/exports`, V2023);
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
    for (const p of api.sim.world.projects.filter((x) => x.readable)) {
      const res = await api.get(`${V2}/groups/${p.id}/backup/exportBuckets`, V20240530);
      expectValid(T.buckets, res, 200, '2024-05-30');
      for (const b of res.json.results) providers.push(b.cloudProvider);
      expect(res.json.results.every((b: { _id?: string }) => /^[0-9a-f]{24}$/.test(b._id ?? ''))).toBe(true);
    }
    expect(providers.sort()).toEqual(['AWS', 'AZURE', 'GCP']);
  });

  it('refuses export jobs, not buckets, for credentials without Project Backup Manager', async () => {
    const { failedExport: c } = api.sim.roles;
    api.sim.setMissingRoles([PROJECT_BACKUP_MANAGER]);
    try {
      const refused = await api.get(`${V2}/groups/${c.groupId}/clusters/${c.name}/backup/exports`, V2023);
      expectValid(T.exports, refused, 401);
      expect(refused.json.errorCode).toBe('USER_UNAUTHORIZED');
      const buckets = await api.get(`${V2}/groups/${c.groupId}/backup/exportBuckets`, V20240530);
      expectValid(T.buckets, buckets, 200, '2024-05-30');
    } finally {
      api.sim.setMissingRoles([]);
    }
  });

  it('states auto-export in the schedule of the clusters that export', async () => {
    const { exportingDedicated: on, healthyDedicated } = api.sim.roles;
    expect(on.name).toBe(healthyDedicated.name);
    const res = await api.get(
      `${V2}/groups/${on.groupId}/clusters/${on.name}/backup/schedule`,
      'application/vnd.atlas.2024-08-05+json',
    );
    expect(res.json).toMatchObject({ autoExportEnabled: true, export: { frequencyType: 'monthly' } });
  });
});
