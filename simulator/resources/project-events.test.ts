import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../index.js';
import { apiGet, FIXED_NOW, oauthToken, V2, V2023 } from '../test-helpers.js';
import { loadSpec } from './test-spec.js';

// The spec gives the default view's eventTypeName `type: object` beside a oneOf of string enums
// (a generator artefact: no event has an object there); the enums are what it means.
const { expectValid } = loadSpec('openapi-events-subset.json', (s) => {
  delete s.components.schemas.DefaultEventViewForNdsGroup.properties.eventTypeName.type;
});
const T = '/api/atlas/v2/groups/{groupId}/events';
const BACKUP_TYPES = [
  'CPS_ON_DEMAND_SNAPSHOT_REQUESTED',
  'CPS_SNAPSHOT_STARTED',
  'CPS_SNAPSHOT_SUCCESSFUL',
  'CPS_SNAPSHOT_FAILED',
];

describe('simulator contract, project events (openapi-events-subset.json)', () => {
  let sim: Simulator;
  let nowMs = FIXED_NOW;
  let token: string;
  beforeAll(async () => {
    sim = await startSimulator({ now: () => nowMs });
    token = await oauthToken(sim);
  });
  afterAll(() => sim.close());
  const events = async (groupId: string, query: string) => {
    const res = await apiGet(sim, token, `${V2}/groups/${groupId}/events?${query}`, V2023);
    expectValid(T, res, 200, '2023-01-01');
    return res.json.results as Array<{
      eventTypeName: string;
      created: string;
      id: string;
      clusterName?: string;
    }>;
  };

  it('logs what the mutators do to dedicated snapshots, newest first, filtered by type and date', async () => {
    const target = sim.roles.healthyDedicated;
    const types = BACKUP_TYPES.map((t) => `eventType=${t}`).join('&');
    const since = new Date(nowMs).toISOString();
    expect(await events(target.groupId, `${types}&minDate=${since}`)).toEqual([]);
    const id = sim.addSnapshot(target, { status: 'queued', onDemand: true });
    nowMs += 120_000;
    sim.setSnapshotStatus(target, id ?? '', 'completed');
    const all = await events(target.groupId, `${types}&minDate=${since}`);
    expect(all.map((e) => e.eventTypeName)).toEqual([
      'CPS_SNAPSHOT_SUCCESSFUL',
      'CPS_SNAPSHOT_STARTED',
      'CPS_ON_DEMAND_SNAPSHOT_REQUESTED',
    ]);
    expect(Date.parse(all[0]?.created ?? '')).toBe(nowMs);
    const later = new Date(nowMs - 1000).toISOString();
    expect((await events(target.groupId, `${types}&minDate=${later}`)).map((e) => e.id)).toEqual([
      all[0]?.id,
    ]);
    expect(await events(target.groupId, 'eventType=CPS_SNAPSHOT_FAILED')).toEqual([]);
    expect(all.slice(0, 2).map((e) => e.clusterName)).toEqual([target.name, target.name]);
  });

  it("shows the scenario's backup events in the recorded shapes: a cluster named, who acted on audits", async () => {
    const { copyFailing, oplogBehind, snapshotDeletedByKey } = sim.roles;
    const copies = await events(copyFailing.groupId, 'eventType=CPS_COPY_SNAPSHOT_FAILED');
    expect(copies.map((e) => e.clusterName)).toEqual([copyFailing.name]);
    const oplog = await events(
      oplogBehind.groupId,
      'eventType=CPS_OPLOG_BEHIND&eventType=CPS_OPLOG_CAUGHT_UP',
    );
    expect(oplog.map((e) => [e.eventTypeName, e.clusterName])).toEqual([
      ['CPS_OPLOG_BEHIND', oplogBehind.name],
      ['CPS_OPLOG_CAUGHT_UP', oplogBehind.name],
      ['CPS_OPLOG_BEHIND', oplogBehind.name],
    ]);
    const [deleted] = await events(snapshotDeletedByKey.groupId, 'eventType=CPS_SNAPSHOT_DELETED_AUDIT');
    expect(Object.keys(deleted ?? {})).toEqual(
      expect.arrayContaining(['apiKeyId', 'publicKey', 'remoteAddress']),
    );
    expect(deleted?.clusterName).toBeUndefined();
    const [retention] = await events(oplogBehind.groupId, 'eventType=TENANT_SNAPSHOT_DELETED_AUDIT');
    expect(Object.keys(retention ?? {})).not.toContain('apiKeyId');
    expect(Object.keys(retention ?? {})).not.toContain('userId');
  });

  it('answers 400 for a date that is not one, as ApiError', async () => {
    const res = await apiGet(
      sim,
      token,
      `${V2}/groups/${sim.roles.healthyDedicated.groupId}/events?minDate=soon`,
      V2023,
    );
    expectValid(T, res, 400);
  });
});
