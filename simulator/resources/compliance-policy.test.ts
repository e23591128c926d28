import { describe, expect, it } from 'vitest';
import { PROJECT_OWNER } from '../index.js';
import { contractSession, V2 } from '../test-helpers.js';
import { loadSpec } from './test-spec.js';

// posture.md §6: a project without a policy answers 200 `{}` (what the Kubernetes operator reads
// as "none"), which the spec's required fields forbid; `onDemandPolicyItem` is recorded as null.
const { expectValid } = loadSpec('openapi-cost-compliance-subset.json', (spec) => {
  const settings = spec.components.schemas.DataProtectionSettings20231001;
  delete settings.required;
  settings.properties.onDemandPolicyItem = {
    anyOf: [settings.properties.onDemandPolicyItem, { type: 'null' }],
  };
});
const T = '/api/atlas/v2/groups/{groupId}/backupCompliancePolicy';
const V20231001 = 'application/vnd.atlas.2023-10-01+json';

describe('simulator contract, Backup Compliance Policy (openapi-cost-compliance-subset.json)', () => {
  const api = contractSession();
  const policy = (groupId: string) => api.get(`${V2}/groups/${groupId}/backupCompliancePolicy`, V20231001);

  it('answers at 2023-10-01 strictly valid: an active policy, one updating, and none as an empty object', async () => {
    const { active, updating, none } = api.sim.roles.compliancePolicy;
    const states: Record<string, unknown> = {};
    for (const ref of [active, updating, none]) {
      const res = await policy(ref.groupId);
      expectValid(T, res, 200, '2023-10-01');
      states[ref.groupName] = res.json.state;
    }
    expect(states).toEqual({ [active.groupName]: 'ACTIVE', [updating.groupName]: 'UPDATING' });
    expect((await policy(none.groupId)).json).toEqual({});
    const body = (await policy(active.groupId)).json;
    expect(body).toMatchObject({
      projectId: active.groupId,
      copyProtectionEnabled: true,
      onDemandPolicyItem: null,
    });
    expect(
      body.scheduledPolicyItems.filter((i: { frequencyType: string }) => i.frequencyType === 'daily'),
    ).toHaveLength(2);
  });

  it('refuses every project for credentials without Project Owner, and answers 404 for an unknown project', async () => {
    const { active } = api.sim.roles.compliancePolicy;
    api.sim.setMissingRoles([PROJECT_OWNER]);
    try {
      const refused = await policy(active.groupId);
      expectValid(T, refused, 401);
      expect(refused.json.errorCode).toBe('USER_UNAUTHORIZED');
    } finally {
      api.sim.setMissingRoles([]);
    }
    const unknown = await policy('0'.repeat(24));
    expectValid(T, unknown, 404);
    expect(unknown.json.errorCode).toBe('GROUP_NOT_FOUND');
  });
});
