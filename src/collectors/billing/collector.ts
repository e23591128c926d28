import { backupName } from '../../metrics/family.js';
import { defineOrgCollector, recheckDue } from '../collector.js';
import { pendingInvoicesEndpoint } from './endpoints.js';
import { type CostLine, type InvoiceCost, invoiceReader } from './invoice.js';

/** Its family names, exported for the mixin's queries (a rename breaks their build). */
export const BILLING_FAMILY = {
  monthToDate: backupName('month_to_date_cost_dollars'),
  daily: backupName('daily_cost_dollars'),
  usageDay: backupName('cost_usage_day_timestamp_seconds'),
  success: backupName('billing_collect_success'),
} as const;

const dollars = (cents: number) => cents / 100;

/**
 * Backup cost per project, cluster and component from each organisation's pending invoice
 * (Organization Billing Viewer). Every shard reads the invoice of its projects' organisations and
 * writes the charges of its own projects only, so shards never export a cost twice.
 */
export const billing = defineOrgCollector<InvoiceCost, readonly CostLine[]>({
  name: 'billing',
  flag: {
    name: 'billing',
    help: "Export backup cost series from each organisation's pending invoice (Organization Billing Viewer): month to date and the newest usage day, per project, cluster and component, after discounts. The invoice is read at most once per --atlas.snapshot-recheck-interval (charges post about a day late). On with --demo unless set.",
    default: false,
    onInDemo: true,
  },
  endpoint: 'invoices',
  role: 'Organization Billing Viewer',
  noun: 'pending invoice',
  failure: 'cannot read the pending invoice',
  // charges post about a day late: no use reading the invoice more often
  mustRead: recheckDue,
  // streamed: a large organisation's invoice is tens of megabytes by the month's end
  read: (orgId, ctx) => ctx.client.getStreamed(pendingInvoicesEndpoint(orgId), invoiceReader, ctx.signal),
  implausible: (cost) =>
    cost.leftOut > 0
      ? `${cost.leftOut} backup line items of the pending invoice have no price or no project: left out of the cost`
      : undefined,
  part: (cost, groupId) => cost.projects.get(groupId),
  projectFamilies: [
    {
      name: BILLING_FAMILY.monthToDate,
      help: "The pending invoice's backup charges so far, after discounts, per cluster (empty: charges of no cluster) and component.",
      labels: ['cluster_name', 'component'],
      samples: (lines) => lines.map((l) => [[l.clusterName, l.component], dollars(l.monthCents)]),
    },
    {
      name: BILLING_FAMILY.daily,
      help: 'Backup charges of the newest usage day the pending invoice holds (cost_usage_day_timestamp_seconds), after discounts, per cluster and component.',
      labels: ['cluster_name', 'component'],
      samples: (lines) =>
        lines.flatMap((l) =>
          l.dayCents === undefined ? [] : [[[l.clusterName, l.component], dollars(l.dayCents)] as const],
        ),
    },
  ],
  families: [
    {
      name: BILLING_FAMILY.usageDay,
      help: 'The start of the newest usage day the pending invoice holds (charges post about a day late).',
      labels: [],
      value: (cost) => cost.usageDay,
    },
  ],
  success: {
    name: BILLING_FAMILY.success,
    help: 'Whether the pending invoice was read on the last attempt (1) or not (0).',
  },
});
