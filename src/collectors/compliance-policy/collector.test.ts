import { describe, expect, it } from 'vitest';
import { compliancePolicy } from './collector.js';
import { parseCompliancePolicy } from './schema.js';
import { complianceFacts } from './transform.js';

const DAY = 86_400;

/** DataProtectionSettings20231001 as Atlas answers it (onDemandPolicyItem recorded as null). */
const POLICY = {
  authorizedEmail: 'dpo@example.com',
  authorizedUserFirstName: 'Dana',
  authorizedUserLastName: 'Okafor',
  copyProtectionEnabled: true,
  deletable: false,
  encryptionAtRestEnabled: false,
  onDemandPolicyItem: null,
  pitEnabled: true,
  projectId: '32b6e34b3d91647abb20e7b8',
  restoreWindowDays: 7,
  scheduledPolicyItems: [
    {
      id: 'a'.repeat(24),
      frequencyType: 'hourly',
      frequencyInterval: 6,
      retentionUnit: 'days',
      retentionValue: 2,
    },
    {
      id: 'b'.repeat(24),
      frequencyType: 'daily',
      frequencyInterval: 1,
      retentionUnit: 'days',
      retentionValue: 7,
    },
    {
      id: 'c'.repeat(24),
      frequencyType: 'daily',
      frequencyInterval: 1,
      retentionUnit: 'weeks',
      retentionValue: 2,
    },
    {
      id: 'd'.repeat(24),
      frequencyType: 'monthly',
      frequencyInterval: 40,
      retentionUnit: 'months',
      retentionValue: 12,
    },
  ],
  state: 'ACTIVE',
  updatedDate: '2026-09-01T10:00:00Z',
  updatedUser: 'dpo@example.com',
};

/** The samples each family writes for these facts, by family name. */
function written(body: unknown) {
  const facts = complianceFacts(parseCompliancePolicy(body));
  return Object.fromEntries(
    compliancePolicy.families.map((f) => [
      f.name.replace('mongodbatlas_backup_', ''),
      'value' in f ? f.value(facts) : f.samples(facts),
    ]),
  );
}

describe('the Backup Compliance Policy', () => {
  it('writes state and settings, the window in seconds, and per frequency the longest retention in the schedule’s units', () => {
    expect(written(POLICY)).toEqual({
      compliance_policy_info: [[['active', 'true', 'false', 'true'], 1]],
      compliance_restore_window_seconds: 7 * DAY,
      compliance_min_retention_seconds: [
        [['hourly'], 2 * DAY],
        [['daily'], 14 * DAY],
        [['monthly'], 12 * 31 * DAY],
      ],
    });
  });

  it('writes nothing for a project without a policy: an empty object, null, a body of nulls', () => {
    const none = {
      compliance_policy_info: [],
      compliance_restore_window_seconds: undefined,
      compliance_min_retention_seconds: [],
    };
    expect(written({})).toEqual(none);
    expect(written(null)).toEqual(none);
    expect(written('')).toEqual(none);
    expect(written({ projectId: null, state: null, copyProtectionEnabled: null })).toEqual(none);
  });

  it('keeps a policy whose fields are null or unknown: state unknown or in snake_case, switches off, no NaN', () => {
    const nulls = {
      projectId: POLICY.projectId,
      state: null,
      copyProtectionEnabled: null,
      restoreWindowDays: null,
      scheduledPolicyItems: null,
    };
    expect(written(nulls)).toEqual({
      compliance_policy_info: [[['unknown', 'false', 'false', 'false'], 1]],
      compliance_restore_window_seconds: undefined,
      compliance_min_retention_seconds: [],
    });
    const odd = {
      ...POLICY,
      state: 'PendingApproval',
      restoreWindowDays: 'seven',
      scheduledPolicyItems: [
        { frequencyType: 'daily', retentionUnit: 'fortnights', retentionValue: 2 },
        null,
        3,
      ],
    };
    expect(written(odd)).toMatchObject({
      compliance_policy_info: [[['pending_approval', 'true', 'false', 'true'], 1]],
      compliance_restore_window_seconds: undefined,
      compliance_min_retention_seconds: [],
    });
  });

  it('is read again only after the recheck interval, or after a failed read', () => {
    const plan = { nowMs: 10 * 3_600_000, recheckIntervalMs: 3_600_000 };
    const read = {
      facts: { policy: undefined },
      success: true,
      lastReadMs: plan.nowMs - 60_000,
      error: undefined,
    };
    expect(compliancePolicy.mustRead(undefined, plan)).toBe(true);
    expect(compliancePolicy.mustRead(read, plan)).toBe(false);
    expect(compliancePolicy.mustRead({ ...read, success: false }, plan)).toBe(true);
    expect(compliancePolicy.mustRead({ ...read, lastReadMs: plan.nowMs - 3_600_000 }, plan)).toBe(true);
    expect(compliancePolicy.mustRead(read, { ...plan, recheckIntervalMs: 0 })).toBe(true);
  });
});
