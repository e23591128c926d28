import { backupName } from '../../metrics/family.js';
import { defineProjectCollector, recheckDue } from '../collector.js';
import { compliancePolicyEndpoint } from './endpoints.js';
import { parseCompliancePolicy } from './schema.js';
import { type ComplianceFacts, complianceFacts } from './transform.js';

const flag = (value: boolean) => (value ? 'true' : 'false');

/** Its family names, exported for the mixin's queries (a rename breaks their build). */
export const COMPLIANCE_FAMILY = {
  info: backupName('compliance_policy_info'),
  restoreWindow: backupName('compliance_restore_window_seconds'),
  minRetention: backupName('compliance_min_retention_seconds'),
  success: backupName('compliance_collect_success'),
} as const;

/**
 * A project's Backup Compliance Policy, Atlas's lock on its backups. Reading it needs Project
 * Owner, so it is opt-in. A policy is configuration: read at most once per recheck interval.
 */
export const compliancePolicy = defineProjectCollector<ComplianceFacts>({
  name: 'compliance-policy',
  flag: {
    name: 'compliance-policy',
    help: 'Export Backup Compliance Policy series (Project Owner: full control of the project, not read-only). A policy is read at most once per --atlas.snapshot-recheck-interval. On with --demo unless set.',
    default: false,
    onInDemo: true,
  },
  endpoint: 'compliance_policy',
  role: 'Project Owner',
  noun: 'Backup Compliance Policy read',
  failure: 'cannot read the Backup Compliance Policy',
  mustRead: recheckDue,
  read: async (group, ctx) =>
    complianceFacts(
      parseCompliancePolicy(await ctx.client.get(compliancePolicyEndpoint(group.id), ctx.signal)),
    ),
  families: [
    {
      name: COMPLIANCE_FAMILY.info,
      help: "The project's Backup Compliance Policy: its state and settings; absent without a policy.",
      labels: ['state', 'copy_protection', 'encryption_at_rest', 'pit_enabled'],
      samples: ({ policy: p }) =>
        p ? [[[p.state, flag(p.copyProtection), flag(p.encryptionAtRest), flag(p.pitEnabled)], 1]] : [],
    },
    {
      name: COMPLIANCE_FAMILY.restoreWindow,
      help: "The policy's point-in-time restore window (restoreWindowDays).",
      labels: [],
      value: ({ policy }) => policy?.restoreWindowSeconds,
    },
    {
      name: COMPLIANCE_FAMILY.minRetention,
      help: 'The retention the policy requires at least for snapshots of this frequency (the longest of its items).',
      labels: ['frequency'],
      samples: ({ policy }) =>
        Object.entries(policy?.minRetentionSeconds ?? {}).map(([frequency, seconds]) => [
          [frequency],
          seconds,
        ]),
    },
  ],
  success: {
    name: COMPLIANCE_FAMILY.success,
    help: "1 if the project's Backup Compliance Policy was read on the last attempt; on 0 the values are the last good ones.",
  },
});
