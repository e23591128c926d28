import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../index.js';
import { apiGet, FIXED_NOW, oauthToken, V2, V2023, V2024 } from '../test-helpers.js';
import { loadSpec } from './test-spec.js';

const V20240805 = 'application/vnd.atlas.2024-08-05+json';

const { spec, ajv, expectValid } = loadSpec('openapi-dedicated-subset.json', (s) => {
  // dedicated.md §4.1: recorded snapshots say `ondemand`, which the snapshot enums lack; recordings win.
  for (const name of ['DiskBackupReplicaSet', 'DiskBackupShardedClusterSnapshot'])
    s.components.schemas[name].properties.frequencyType.enum.push('ondemand');
  // §2.8: a copy policy item's oneOf names subtypes whose allOf names it again, which no
  // validator can walk. Its discriminator is written out instead: on-demand or time-based.
  const schemas = s.components.schemas;
  const item = schemas.DiskBackupCopyPolicyItem;
  const base = { type: 'object', properties: item.properties, required: item.required };
  for (const name of ['DiskBackupOnDemandCopyPolicyItem', 'DiskBackupTimeBasedCopyPolicyItem'])
    schemas[name].allOf[0] = base;
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  schemas.DiskBackupCopyPolicyItem = {
    if: { properties: { frequencyType: { const: 'ondemand' } } },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then/else, never awaited
    then: ref('DiskBackupOnDemandCopyPolicyItem'),
    else: ref('DiskBackupTimeBasedCopyPolicyItem'),
  };
});

/*
 * dedicated.md §2.8: the cluster schema's cyclic oneOfs crash a strict validator, and its
 * polymorphic parts do not validate even then. Cluster bodies are checked loosely: the fields
 * the exporter reads, each against its own definition in the spec.
 */
const cluster = spec.components.schemas.ClusterDescription20240805.properties;
const looseCluster = ajv.compile({
  type: 'object',
  required: ['name', 'clusterType', 'replicationSpecs', 'backupEnabled', 'paused', 'stateName'],
  properties: Object.fromEntries(
    ['name', 'groupId', 'id', 'clusterType', 'createDate', 'stateName', 'mongoDBVersion'].map((k) => [
      k,
      cluster[k],
    ]),
  ),
});
const providerNames = ['AWS', 'AZURE', 'GCP', 'TENANT'];

const T = {
  clusters: '/api/atlas/v2/groups/{groupId}/clusters',
  snaps: '/api/atlas/v2/groups/{groupId}/clusters/{clusterName}/backup/snapshots',
  sharded: '/api/atlas/v2/groups/{groupId}/clusters/{clusterName}/backup/snapshots/shardedClusters',
  schedule: '/api/atlas/v2/groups/{groupId}/clusters/{clusterName}/backup/schedule',
};

describe('simulator contract, dedicated clusters (openapi-dedicated-subset.json)', () => {
  let sim: Simulator;
  let token: string;
  beforeAll(async () => {
    sim = await startSimulator({ now: () => FIXED_NOW });
    token = await oauthToken(sim);
  });
  afterAll(() => sim.close());
  const get = (path: string, accept?: string) => apiGet(sim, token, path, accept);

  it('answers clusters loosely valid, snapshots and schedules strictly valid', async () => {
    let seen = 0;
    for (const p of sim.world.projects.filter((x) => x.readable)) {
      const list = await get(`${V2}/groups/${p.id}/clusters`, V20240805);
      expect(list.status).toBe(200);
      expect(list.headers.get('content-type')).toBe(`${V20240805};charset=utf-8`);
      expect(list.json.totalCount).toBe(p.dedicated.length);
      for (const c of list.json.results) {
        expect(looseCluster(c), JSON.stringify(looseCluster.errors)).toBe(true);
        for (const spec of c.replicationSpecs)
          for (const r of spec.regionConfigs) expect(providerNames).toContain(r.providerName);
      }
      for (const c of p.dedicated) {
        const base = `${V2}/groups/${p.id}/clusters/${c.name}/backup`;
        const snaps = await get(`${base}/snapshots`);
        expectValid(T.snaps, snaps, 200, '2023-01-01');
        expect(snaps.json.results).toHaveLength(c.backupEnabled ? c.snapshots.length : 0);
        const sharded = await get(`${base}/snapshots/shardedClusters`);
        expectValid(T.sharded, sharded, 200, '2023-01-01');
        if (c.clusterType !== 'REPLICASET') expect(sharded.json.results).toHaveLength(c.snapshots.length);
        const schedule = await get(`${base}/schedule`, V20240805);
        if (c.backupEnabled) expectValid(T.schedule, schedule, 200, '2024-08-05');
        else expect(schedule.json.errorCode).toBe('BACKUP_CONFIG_NOT_FOUND');
        seen++;
      }
    }
    expect(seen).toBeGreaterThanOrEqual(8);
  });

  it('lists one sharded snapshot per cluster snapshot, its shards as members', async () => {
    const r = sim.roles.shardedDedicated;
    const res = await get(`${V2}/groups/${r.groupId}/clusters/${r.name}/backup/snapshots/shardedClusters`);
    const first = res.json.results[0];
    expect(first.type).toBe('shardedCluster');
    expect(first.members.map((m: { replicaSetName: string }) => m.replicaSetName)).toEqual([
      `${r.name}-shard-0`,
      `${r.name}-shard-1`,
      `${r.name}-config-0`,
    ]);
  });

  it('answers the errors the exporter must tell apart, as ApiErrors', async () => {
    const { healthyDedicated: hd, backupDisabledDedicated: off, healthyFlex: hf } = sim.roles;
    const g = hd.groupId;
    const cases: [string, string, number, string][] = [
      [
        T.snaps,
        `${V2}/groups/${hf.groupId}/clusters/${hf.name}/backup/snapshots`,
        400,
        'CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API',
      ],
      [
        T.sharded,
        `${V2}/groups/${hf.groupId}/clusters/${hf.name}/backup/snapshots/shardedClusters`,
        400,
        'CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API',
      ],
      [T.snaps, `${V2}/groups/${g}/clusters/nope/backup/snapshots`, 404, 'CLUSTER_NOT_FOUND'],
    ];
    for (const [template, path, status, code] of cases) {
      const res = await get(path);
      expectValid(template, res, status);
      expect(res.json.errorCode, path).toBe(code);
    }
    const unreadable = await get(`${V2}/groups/${sim.roles.unreadableProject.groupId}/clusters`, V20240805);
    expectValid(T.clusters, unreadable, 401);
    expect(unreadable.json.errorCode).toBe('USER_UNAUTHORIZED');
    const schedulePath = (r: { groupId: string; name: string }) =>
      `${V2}/groups/${r.groupId}/clusters/${r.name}/backup/schedule`;
    const flexSchedule = await get(schedulePath(hf), V20240805);
    expectValid(T.schedule, flexSchedule, 400);
    expect(flexSchedule.json.errorCode).toBe('CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API');
    const noConfig = await get(schedulePath(off), V20240805);
    expectValid(T.schedule, noConfig, 404);
    expect(noConfig.json.errorCode).toBe('BACKUP_CONFIG_NOT_FOUND');
    // The Flex API refuses a dedicated name, as recorded.
    const viaFlex = await get(`${V2}/groups/${g}/flexClusters/${hd.name}/backup/snapshots`);
    expect(viaFlex.json.errorCode).toBe('CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API');
  });

  it('406 unless Accept names the version the endpoint documents', async () => {
    const { groupId, name } = sim.roles.healthyDedicated;
    const wrong: [string, string, string][] = [
      [T.clusters, `${V2}/groups/${groupId}/clusters`, V2024],
      [T.snaps, `${V2}/groups/${groupId}/clusters/${name}/backup/snapshots`, V20240805],
      [T.schedule, `${V2}/groups/${groupId}/clusters/${name}/backup/schedule`, V2024],
      [T.schedule, `${V2}/groups/${groupId}/clusters/${name}/backup/schedule`, 'application/json'],
    ];
    for (const [template, path, accept] of wrong) {
      const res = await get(path, accept);
      expectValid(template, res, 406);
      expect(res.json.errorCode).toBe('INVALID_VERSION_DATE');
    }
    expect((await get(`${V2}/groups/${groupId}/clusters/${name}/backup/snapshots`, V2023)).status).toBe(200);
  });
});
