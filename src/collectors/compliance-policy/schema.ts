import { bool, count, isObject, objects, text } from '../../resources/lenient.js';
import type { PolicyItem } from '../schedule/schema.js';
import { parsePolicyItem } from '../schedule/schema.js';

/** A project's Backup Compliance Policy (DataProtectionSettings20231001), the fields the series name. */
export interface CompliancePolicy {
  /** ACTIVE, ENABLING, UPDATING, DISABLING (open set); undefined when Atlas gave none */
  readonly state: string | undefined;
  readonly copyProtectionEnabled: boolean;
  readonly encryptionAtRestEnabled: boolean;
  readonly pitEnabled: boolean;
  readonly restoreWindowDays: number | undefined;
  /** its `scheduledPolicyItems`: the retention it requires at least */
  readonly policyItems: readonly PolicyItem[];
}

/**
 * A policy body; undefined when the project has none. Atlas answers a project without a policy
 * with 200 and an empty object (what the Kubernetes operator reads as "none"): a body naming
 * neither the project nor a state is no policy. A null or mistyped field counts as absent, and
 * an absent switch as off (the spec's default).
 */
export function parseCompliancePolicy(raw: unknown): CompliancePolicy | undefined {
  if (!isObject(raw) || (text(raw.projectId) === undefined && text(raw.state) === undefined))
    return undefined;
  return {
    state: text(raw.state),
    copyProtectionEnabled: bool(raw.copyProtectionEnabled) ?? false,
    encryptionAtRestEnabled: bool(raw.encryptionAtRestEnabled) ?? false,
    pitEnabled: bool(raw.pitEnabled) ?? false,
    restoreWindowDays: count(raw.restoreWindowDays),
    policyItems: objects(raw.scheduledPolicyItems)
      .map(parsePolicyItem)
      .filter((item): item is PolicyItem => item !== undefined),
  };
}
