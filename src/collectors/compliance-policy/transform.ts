import { labelValue } from '../../resources/labels.js';
import { DAY, retentionSeconds } from '../schedule/schedule.js';
import type { CompliancePolicy } from './schema.js';

/** What the series say of a project's policy. */
export interface PolicyFacts {
  /** snake_case of Atlas's state; `unknown` when it gave none */
  readonly state: string;
  readonly copyProtection: boolean;
  readonly encryptionAtRest: boolean;
  readonly pitEnabled: boolean;
  readonly restoreWindowSeconds: number | undefined;
  /** per frequency, the longest retention its items require, in seconds (as the schedule's) */
  readonly minRetentionSeconds: Readonly<Record<string, number>>;
}

/** A project's reading: its policy, or none (a project without one has no policy series). */
export interface ComplianceFacts {
  readonly policy: PolicyFacts | undefined;
}

export function complianceFacts(policy: CompliancePolicy | undefined): ComplianceFacts {
  if (policy === undefined) return { policy: undefined };
  return {
    policy: {
      state: labelValue(policy.state),
      copyProtection: policy.copyProtectionEnabled,
      encryptionAtRest: policy.encryptionAtRestEnabled,
      pitEnabled: policy.pitEnabled,
      restoreWindowSeconds:
        policy.restoreWindowDays === undefined ? undefined : policy.restoreWindowDays * DAY,
      minRetentionSeconds: retentionSeconds(policy),
    },
  };
}
