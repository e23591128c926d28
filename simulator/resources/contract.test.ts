import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../index.js';
import { apiGet, FIXED_NOW, oauthToken, send, V2, V2023 } from '../test-helpers.js';
import { loadSpec } from './test-spec.js';

const { ajv, expectValid } = loadSpec('openapi-subset.json');

const T = {
  groups: '/api/atlas/v2/groups',
  orgGroups: '/api/atlas/v2/orgs/{orgId}/groups',
  flex: '/api/atlas/v2/groups/{groupId}/flexClusters',
  flexSnaps: '/api/atlas/v2/groups/{groupId}/flexClusters/{name}/backup/snapshots',
  flexSnap: '/api/atlas/v2/groups/{groupId}/flexClusters/{name}/backup/snapshots/{snapshotId}',
  sl: '/api/atlas/v2/groups/{groupId}/serverless',
  slSnaps: '/api/atlas/v2/groups/{groupId}/serverless/{clusterName}/backup/snapshots',
  slSnap: '/api/atlas/v2/groups/{groupId}/serverless/{clusterName}/backup/snapshots/{snapshotId}',
};

describe('simulator contract (openapi-subset.json)', () => {
  let sim: Simulator;
  let token: string;
  beforeAll(async () => {
    sim = await startSimulator({ now: () => FIXED_NOW, rateLimit: { capacity: 1000, refillMs: 60_000 } });
    token = await oauthToken(sim);
  });
  afterAll(() => sim.close());
  const get = (path: string, accept?: string) => apiGet(sim, token, path, accept);

  it('uses a validator that rejects what the spec forbids', () => {
    const flexSnapshot = ajv.getSchema('spec#/components/schemas/FlexBackupSnapshot20241113');
    expect(flexSnapshot?.({ id: 'xyz', status: 'COMPLETED' })).toBe(false);
    expect(ajv.getSchema('spec#/components/schemas/Group')?.({ name: 'a b' })).toBe(false);
    expect(
      ajv.getSchema('spec#/components/schemas/ApiError')?.({ error: 500, errorCode: 'X', detail: null }),
    ).toBe(true);
  });

  it('answers every list and get-one endpoint with schema-valid bodies', async () => {
    const { healthyFlex: hf, healthyServerless } = sim.roles;
    const hs = healthyServerless[0];
    if (!hs) throw new Error('no serverless role');
    expectValid(T.groups, await get(`${V2}/groups`), 200);
    expectValid(T.orgGroups, await get(`${V2}/orgs/${sim.orgId}/groups`), 200);
    for (const p of sim.world.projects.filter((x) => x.readable)) {
      expectValid(T.flex, await get(`${V2}/groups/${p.id}/flexClusters`), 200);
      expectValid(T.sl, await get(`${V2}/groups/${p.id}/serverless`), 200);
      for (const c of p.flex) {
        const list = await get(`${V2}/groups/${p.id}/flexClusters/${c.name}/backup/snapshots`);
        expectValid(T.flexSnaps, list, 200);
        expect(list.json.results).toHaveLength(c.snapshots.length);
      }
      for (const s of p.serverless) {
        expectValid(T.slSnaps, await get(`${V2}/groups/${p.id}/serverless/${s.name}/backup/snapshots`), 200);
      }
    }
    const flexList = await get(`${V2}/groups/${hf.groupId}/flexClusters/${hf.name}/backup/snapshots`);
    const flexId = flexList.json.results[0].id;
    const one = await get(`${V2}/groups/${hf.groupId}/flexClusters/${hf.name}/backup/snapshots/${flexId}`);
    expectValid(T.flexSnap, one, 200);
    expect(one.json).toEqual(flexList.json.results[0]);
    const slList = await get(`${V2}/groups/${hs.groupId}/serverless/${hs.name}/backup/snapshots`);
    const slOne = await get(
      `${V2}/groups/${hs.groupId}/serverless/${hs.name}/backup/snapshots/${slList.json.results[0].id}`,
    );
    expectValid(T.slSnap, slOne, 200);
    expect(slOne.headers.get('sunset')).toBe('Thu, 22 Jan 2026 00:00:00 GMT');
    expect(slOne.headers.get('deprecation')).toBeTruthy();
    expect(flexList.headers.get('ratelimit-limit')).toBe('1000');
    expect(flexList.headers.get('ratelimit-remaining')).toMatch(/^\d+$/);
  });

  it('answers every error with a schema-valid ApiError', async () => {
    const { healthyFlex: hf, unreadableProject: up, migrated } = sim.roles;
    const g = hf.groupId;
    const missing = '111111111111111111111111';
    const cases: [string, string, number, string][] = [
      [T.groups, `${V2}/groups?itemsPerPage=501`, 400, 'INVALID_QUERY_PARAMETER'],
      [
        T.flexSnaps,
        `${V2}/groups/${g}/flexClusters/${hf.name}/backup/snapshots?pageNum=0`,
        400,
        'INVALID_QUERY_PARAMETER',
      ],
      [T.flex, `${V2}/groups/${missing}/flexClusters`, 404, 'GROUP_NOT_FOUND'],
      [T.flexSnaps, `${V2}/groups/${g}/flexClusters/nope/backup/snapshots`, 404, 'CLUSTER_NOT_FOUND'],
      [
        T.flexSnap,
        `${V2}/groups/${g}/flexClusters/${hf.name}/backup/snapshots/${missing}`,
        404,
        'SNAPSHOT_NOT_FOUND',
      ],
      [T.slSnaps, `${V2}/groups/${g}/serverless/nope/backup/snapshots`, 404, 'SERVERLESS_INSTANCE_NOT_FOUND'],
      [
        T.flexSnaps,
        `${V2}/groups/${g}/flexClusters/sessions-prod/backup/snapshots`,
        400,
        'CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API',
      ],
      [T.flex, `${V2}/groups/${up.groupId}/flexClusters`, 401, 'USER_UNAUTHORIZED'],
      [T.sl, `${V2}/groups/${up.groupId}/serverless`, 401, 'USER_UNAUTHORIZED'],
      [T.groups, `${V2}/nothing/here`, 404, 'RESOURCE_NOT_FOUND'],
      [T.orgGroups, `${V2}/orgs/${missing}/groups`, 404, 'ORG_NOT_FOUND'],
    ];
    for (const [template, path, status, code] of cases) {
      const res = await get(path);
      expectValid(template, res, status);
      expect(res.json.errorCode, path).toBe(code);
    }
    // The migrated name is a Flex cluster too, so the Flex API reads it.
    expect(
      (await get(`${V2}/groups/${migrated.flex.groupId}/flexClusters/${migrated.flex.name}/backup/snapshots`))
        .status,
    ).toBe(200);
  });

  it('406 without the endpoint version, 401 without credentials', async () => {
    for (const accept of [V2023, 'application/json', '']) {
      const res = await get(`${V2}/groups/${sim.roles.healthyFlex.groupId}/flexClusters`, accept);
      expectValid(T.flex, res, 406);
      expect(res.json.errorCode).toBe('INVALID_VERSION_DATE');
    }
    const res = await send(`${sim.url}${V2}/groups`, { headers: { accept: V2023 } });
    expectValid(T.groups, res, 401);
    expect(res.json).toMatchObject({
      errorCode: 'UNEXPECTED_ERROR',
      detail: 'You are not authorized for this resource.',
    });
    expect(res.headers.get('ratelimit-limit')).toBeNull();
  });

  it('429 with Retry-After and RateLimit headers', async () => {
    const limited = await startSimulator({
      now: () => FIXED_NOW,
      rateLimit: { capacity: 1, refillMs: 60_000 },
    });
    try {
      const t = await oauthToken(limited);
      expect((await apiGet(limited, t, `${V2}/groups`)).status).toBe(200);
      const res = await apiGet(limited, t, `${V2}/groups`);
      expectValid(T.groups, res, 429);
      expect(res.json.errorCode).toBe('RATE_LIMITED_TOKEN_BUCKET');
      expect(res.headers.get('retry-after')).toBe('60');
      expect(res.headers.get('ratelimit-limit')).toBe('1');
      expect(res.headers.get('ratelimit-remaining')).toBe('0');
    } finally {
      await limited.close();
    }
  });

  it('410 VERSION_GONE on serverless snapshots and an empty instance list once retired', async () => {
    const hs = sim.roles.healthyServerless[0];
    if (!hs) throw new Error('no serverless role');
    sim.setServerlessRetired(true);
    try {
      const list = await get(`${V2}/groups/${hs.groupId}/serverless`);
      expectValid(T.sl, list, 200);
      expect(list.json.results).toEqual([]);
      expect(list.headers.get('sunset')).toBe('Mon, 18 Jan 2027 00:00:00 GMT');
      for (const path of [
        `${V2}/groups/${hs.groupId}/serverless/${hs.name}/backup/snapshots`,
        `${V2}/groups/${hs.groupId}/serverless/${hs.name}/backup/snapshots/${'a'.repeat(24)}`,
      ]) {
        const res = await get(path);
        expectValid(T.slSnaps, res, 410);
        expect(res.json.errorCode).toBe('VERSION_GONE');
      }
    } finally {
      sim.setServerlessRetired(false);
    }
  });

  it("410 VERSION_GONE on the instance list too once it is 'gone'", async () => {
    const hs = sim.roles.healthyServerless[0];
    if (!hs) throw new Error('no serverless role');
    sim.setServerlessRetired('gone');
    try {
      for (const path of [
        `${V2}/groups/${hs.groupId}/serverless`,
        `${V2}/groups/${hs.groupId}/serverless/${hs.name}/backup/snapshots`,
      ]) {
        const res = await get(path);
        expectValid(T.sl, res, 410);
        expect(res.json.errorCode).toBe('VERSION_GONE');
      }
      const list = await get(`${V2}/groups/${hs.groupId}/serverless`);
      expect(list.headers.get('sunset')).toBe('Mon, 18 Jan 2027 00:00:00 GMT');
    } finally {
      sim.setServerlessRetired(false);
    }
  });
});
