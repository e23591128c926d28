import { PanelBuilder as Table } from '@grafana/grafana-foundation-sdk/table';
import { COMPLIANCE_FAMILY } from '../../../src/collectors/compliance-policy/collector.js';
import type { Config } from '../config.js';
import { DS, organize, tableQuery } from '../dashboards/common.js';
import { metric, withProjectName } from '../promql.js';
import type { Alert, MixinPart } from './part.js';

/**
 * A policy in any state but `active` (enabling, updating, disabling, or one Atlas adds), one
 * series per project: a change of its settings while it is not active does not restart `for`.
 */
export function notActive(selector: string): string {
  const info = metric(COMPLIANCE_FAMILY.info, selector, 'state!="active"');
  return `max without(copy_protection, encryption_at_rest, pit_enabled) (${info})`;
}

function alerts(c: Config): Alert[] {
  return [
    {
      alert: 'AtlasBackupCompliancePolicyNotActive',
      expr: withProjectName(notActive(c.alertSelector), c.alertSelector),
      for: c.for.compliancePolicyNotActive,
      severity: 'warning',
      summary: 'An Atlas Backup Compliance Policy is not active.',
      description:
        'The Backup Compliance Policy of project {{ $labels.group_name }} has been {{ $labels.state }} for over an hour: ' +
        'until Atlas says it is active, do not count on the lock it promises.',
    },
  ];
}

function overview(selector: string) {
  const named = (name: string) => withProjectName(metric(name, selector), selector);
  return [
    new Table()
      .title('Backup Compliance Policy by project')
      .description(
        'Each project’s Backup Compliance Policy (--collector.compliance-policy, Project Owner): its state, settings and point-in-time window. A project without a policy has no row; AtlasBackupCompliancePolicyNotActive fires on a state other than active for over an hour.',
      )
      .datasource(DS)
      .withTarget(tableQuery(named(COMPLIANCE_FAMILY.info), 'policy'))
      .withTarget(tableQuery(named(COMPLIANCE_FAMILY.restoreWindow), 'window'))
      .withTransformation({ id: 'merge', options: {} })
      .withTransformation(
        organize(['Time', 'job', 'instance', '__name__', 'Value #policy'], {
          group_id: 'Project id',
          group_name: 'Project',
          state: 'State',
          copy_protection: 'Copy protection',
          encryption_at_rest: 'Encryption at rest',
          pit_enabled: 'Point in time',
          'Value #window': 'Restore window',
        }),
      )
      .unit('s')
      .height(6)
      .span(12),
  ];
}

/** The Backup Compliance Policy (--collector.compliance-policy): whether each project's lock holds. */
export const compliancePolicy: MixinPart = { name: 'compliance-policy', alerts, overview };
