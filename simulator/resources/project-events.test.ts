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
    return res.json.results as Array<{ eventTypeName: string; created: string; id: string }>;
  };

  it('logs what the mutators do to dedicated snapshots, newest first, filtered by type and date', async () => {
    const target = sim.roles.healthyDedicated;
    const types = BACKUP_TYPES.map((t) => `eventType=${t}`).join('&');
    expect(await events(target.groupId, types)).toEqual([]);
    const since = new Date(nowMs).toISOString();
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
