import { iso, okResource } from '../http/wire.js';
import type { ProjectRef, ScenarioRoles, SimPolicyItem, SimProject } from '../world/model.js';
import { mulberry32, objectId } from '../world/prng.js';
import { GROUP_PATH, simResource } from './resource.js';

/** The 2023-10-01 version of the policy (its 2023-01-01 version is sunset 2027-07-01). */
export const V20231001 = '2023-10-01';

/** The role Atlas's compliance policy needs: full control of the project. */
export const PROJECT_OWNER = 'Project Owner';

/** A project's Backup Compliance Policy (DataProtectionSettings20231001), as the world keeps it. */
export interface SimCompliancePolicy {
  state: 'ACTIVE' | 'ENABLING' | 'UPDATING' | 'DISABLING';
  copyProtectionEnabled: boolean;
  encryptionAtRestEnabled: boolean;
  pitEnabled: boolean;
  restoreWindowDays: number;
  scheduledPolicyItems: SimPolicyItem[];
  updatedMs: number;
}

/** The body Atlas sends; `onDemandPolicyItem` is null as recorded, though the spec says it is not nullable. */
function renderPolicy(p: SimProject, policy: SimCompliancePolicy) {
  const { updatedMs, ...settings } = policy;
  return {
    authorizedEmail: 'dpo@example.com',
    authorizedUserFirstName: 'Dana',
    authorizedUserLastName: 'Okafor',
    deletable: false,
    onDemandPolicyItem: null,
    projectId: p.id,
    ...settings,
    updatedDate: iso(updatedMs),
    updatedUser: 'dpo@example.com',
  };
}

/** A project's policy; a project without one answers 200 with an empty object. */
export const compliancePolicy = simResource({
  name: 'compliance-policy',
  routes: [
    {
      endpoint: 'compliance_policy',
      method: 'GET',
      pattern: new RegExp(`^${GROUP_PATH}/backupCompliancePolicy$`),
      version: V20231001,
      scope: 'project',
      role: PROJECT_OWNER,
      handle: ({ project, query, version }) =>
        okResource(
          project.compliancePolicy ? renderPolicy(project, project.compliancePolicy) : {},
          version,
          query,
        ),
    },
  ],
});

const projectRef = (p: SimProject): ProjectRef => ({ groupId: p.id, groupName: p.name });

/**
 * An active policy on the shop project, one being updated for two hours on the lab project (the
 * demo's non-active policy), none on staging. A stream of its own, so the rest stays as it was.
 */
export function addCompliancePolicies(
  seed: number,
  { shop, lab, staging }: { shop: SimProject; lab: SimProject; staging: SimProject },
  nowMs: number,
): Pick<ScenarioRoles, 'compliancePolicy'> {
  const rng = mulberry32(seed ^ 0xc0de);
  const item = (
    frequencyType: string,
    frequencyInterval: number,
    retentionValue: number,
    retentionUnit: SimPolicyItem['retentionUnit'],
  ): SimPolicyItem => ({
    id: objectId(rng, nowMs - 200 * 86_400_000),
    frequencyType,
    frequencyInterval,
    retentionUnit,
    retentionValue,
  });
  shop.compliancePolicy = {
    state: 'ACTIVE',
    copyProtectionEnabled: true,
    encryptionAtRestEnabled: false,
    pitEnabled: true,
    restoreWindowDays: 7,
    // two daily items: the longer one is what the policy requires
    scheduledPolicyItems: [
      item('hourly', 6, 2, 'days'),
      item('daily', 1, 7, 'days'),
      item('daily', 1, 2, 'weeks'),
      item('weekly', 7, 4, 'weeks'),
      item('monthly', 40, 12, 'months'),
    ],
    updatedMs: nowMs - 90 * 86_400_000,
  };
  lab.compliancePolicy = {
    state: 'UPDATING',
    copyProtectionEnabled: false,
    encryptionAtRestEnabled: false,
    pitEnabled: false,
    restoreWindowDays: 2,
    scheduledPolicyItems: [item('daily', 1, 7, 'days')],
    updatedMs: nowMs - 2 * 3_600_000,
  };
  return {
    compliancePolicy: { active: projectRef(shop), updating: projectRef(lab), none: projectRef(staging) },
  };
}
