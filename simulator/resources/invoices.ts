import { apiError, iso, okResource, V2 } from '../http/wire.js';
import { DAY_MS } from '../world/generate.js';
import type { ClusterRef, SimDedicatedCluster, SimProject, SimWorld } from '../world/model.js';
import { simResource, V2023 } from './resource.js';

/** The role the pending invoice needs: billing is the organisation's, not a project's. */
export const ORGANIZATION_BILLING_VIEWER = 'Organization Billing Viewer';

/**
 * What the organisation's pending invoice charges for: its line items are made from the world's
 * dedicated clusters when asked (a few per cluster and day, so a larger world has a proportional
 * invoice), plus what the scenario and the tests add as it is.
 */
export interface SimBilling {
  /** the billing period's start: the first of the month of the newest usage day */
  startMs: number;
  /** the newest usage day's start: yesterday, as charges post about a day late */
  newestDayMs: number;
  /** percent off every line item of these projects, by project id */
  discounts: Record<string, number>;
  /** a cluster whose snapshot storage grew `factor` times on the newest day (its retention raised) */
  jump?: { groupId: string; clusterName: string; factor: number };
  /** line items added as they are: a SKU the exporter cannot know, the bad answers of tests */
  extra: Record<string, unknown>[];
}

/** Atlas's list prices in dollars: storage per GB and day, transfers per GB, instances per hour. */
const PRICE = {
  snapshotGbDay: 0.14 / 30,
  pitGbDay: 0.2 / 30,
  copyGb: 0.02,
  exportGb: 0.01,
  downloadHour: 0.3,
};
const INSTANCE_HOUR: Record<string, number> = { M10: 0.08, M20: 0.2, M30: 0.54, M40: 1.04 };

const round2 = (x: number) => Math.round(x * 100) / 100;
const startOfDay = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;

/** Stored snapshot data of a cluster, in GB: what its daily storage item charges for. */
function storedGb(c: SimDedicatedCluster): number {
  const bytes = c.snapshots.reduce((n, s) => n + (s.status === 'completed' ? s.storageSizeBytes : 0), 0);
  return round2(bytes / 1e9);
}

interface Charge {
  sku: string;
  quantity: number;
  unit: string;
  price: number;
}

/** One InvoiceLineItem of one usage day (2023-01-01), after the project's discount. */
function lineItem(billing: SimBilling, p: SimProject, c: SimDedicatedCluster, dayMs: number, charge: Charge) {
  const totalPriceCents = Math.round(charge.quantity * charge.price * 100);
  const percent = billing.discounts[p.id];
  const discount = percent
    ? { discountCents: Math.round((totalPriceCents * percent) / 100), percentDiscount: percent }
    : {};
  return {
    clusterName: c.name,
    cloudProvider: c.provider,
    created: iso(dayMs + DAY_MS + 3 * 3_600_000),
    endDate: iso(dayMs + DAY_MS),
    groupId: p.id,
    groupName: p.name,
    quantity: charge.quantity,
    sku: charge.sku,
    startDate: iso(dayMs),
    totalPriceCents,
    unit: charge.unit,
    unitPriceDollars: charge.price,
    ...discount,
  };
}

/** What a dedicated cluster is charged on one day: its instance, then its backup's parts. */
function chargesOf(billing: SimBilling, p: SimProject, c: SimDedicatedCluster, dayMs: number): Charge[] {
  const on = (ms: number | undefined) => ms !== undefined && startOfDay(ms) === dayMs;
  const charges: Charge[] = [];
  if (!c.paused)
    charges.push({
      sku: `ATLAS_${c.provider}_INSTANCE_${c.instanceSize}`,
      quantity: 24,
      unit: 'server hours',
      price: INSTANCE_HOUR[c.instanceSize] ?? 0.5,
    });
  if (!c.backupEnabled) return charges;
  const jumped =
    billing.jump?.groupId === p.id && billing.jump.clusterName === c.name && dayMs === billing.newestDayMs;
  const gb = round2(storedGb(c) * (jumped ? (billing.jump?.factor ?? 1) : 1));
  charges.push({
    sku: `ATLAS_${c.provider}_BACKUP_SNAPSHOT_STORAGE`,
    quantity: gb,
    unit: 'GB days',
    price: PRICE.snapshotGbDay,
  });
  if (c.pitEnabled)
    charges.push({
      sku: `ATLAS_NDS_${c.provider}_PIT_RESTORE_STORAGE`,
      quantity: round2(gb / 5),
      unit: 'GB days',
      price: PRICE.pitGbDay,
    });
  if (c.copySettings.length > 0) {
    const sku =
      c.provider === 'AWS'
        ? 'ATLAS_AWS_TIME_BASED_SNAPSHOT_COPY_LEVEL_1'
        : `ATLAS_${c.provider}_SNAPSHOT_COPY_DATA_TRANSFER`;
    charges.push({ sku, quantity: round2(gb / 10), unit: 'GB', price: PRICE.copyGb });
  }
  const exports = c.exportJobs.filter((j) => on(j.createdMs)).length;
  if (exports > 0)
    charges.push({
      sku: `ATLAS_NDS_${c.provider}_SNAPSHOT_EXPORT_UPLOAD`,
      quantity: round2(gb * exports),
      unit: 'GB',
      price: PRICE.exportGb,
    });
  const downloads = c.restoreJobs.filter((j) => j.deliveryType === 'download' && on(j.requestedMs)).length;
  if (downloads > 0)
    charges.push({
      sku: `ATLAS_${c.provider}_BACKUP_DOWNLOAD_VM`,
      quantity: 2 * downloads,
      unit: 'server hours',
      price: PRICE.downloadHour,
    });
  return charges;
}

/** Every line item of the pending invoice, day by day from the period's start to the newest day. */
function lineItems(world: SimWorld, billing: SimBilling): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  for (let dayMs = billing.startMs; dayMs <= billing.newestDayMs; dayMs += DAY_MS) {
    for (const p of world.projects) {
      for (const c of p.dedicated) {
        if (c.tenant || c.createMs >= dayMs + DAY_MS) continue;
        for (const charge of chargesOf(billing, p, c, dayMs))
          items.push(lineItem(billing, p, c, dayMs, charge));
      }
    }
  }
  return [...items, ...billing.extra];
}

/** The organisation's pending invoice (BillingInvoice), in a PaginatedApiInvoiceView. */
function pendingInvoices(world: SimWorld, billing: SimBilling, base: string) {
  const self = `${base}${V2}/orgs/${world.orgId}/invoices/pending`;
  const items = lineItems(world, billing);
  const cents = items.map((i) => (typeof i.totalPriceCents === 'number' ? i.totalPriceCents : 0));
  // an invoice id of its own, made from the organisation's: the same on every answer
  const id = `66b5f1c2${world.orgId.slice(8)}`;
  const end = new Date(billing.startMs);
  end.setUTCMonth(end.getUTCMonth() + 1);
  const invoice = {
    amountBilledCents: cents.reduce((a, b) => a + b, 0),
    amountPaidCents: 0,
    created: iso(billing.startMs),
    creditsCents: 0,
    endDate: iso(end.getTime()),
    id,
    lineItems: items,
    linkedInvoices: [],
    links: [{ href: `${base}${V2}/orgs/${world.orgId}/invoices/${id}`, rel: 'self' }],
    orgId: world.orgId,
    payments: [],
    refunds: [],
    salesTaxCents: 0,
    startDate: iso(billing.startMs),
    startingBalanceCents: 0,
    statusName: 'PENDING',
    subtotalCents: cents.filter((c) => c > 0).reduce((a, b) => a + b, 0),
    updated: iso(billing.newestDayMs + DAY_MS + 3 * 3_600_000),
  };
  return { links: [{ href: self, rel: 'self' }], results: [invoice], totalCount: 1 };
}

/** The organisation's pending invoice: Organization Billing Viewer reads it. */
export const invoices = simResource({
  name: 'invoices',
  routes: [
    {
      endpoint: 'invoices',
      method: 'GET',
      pattern: /^\/api\/atlas\/v2\/orgs\/([^/]+)\/invoices\/pending$/,
      version: V2023,
      scope: 'org',
      role: ORGANIZATION_BILLING_VIEWER,
      handle: ({ world, base, params, query, version }) => {
        const [orgId = ''] = params;
        if (orgId !== world.orgId)
          return apiError(404, 'ORG_NOT_FOUND', `No organization ${orgId} exists.`, [orgId]);
        const body = world.billing
          ? pendingInvoices(world, world.billing, base)
          : { links: [], results: [], totalCount: 0 };
        return okResource(body, version, query);
      },
    },
  ],
});

/**
 * The scenario's billing: the period of yesterday's month (so there is always a day posted), a
 * discount on one project, `jump`'s snapshot storage tripled on the newest day (its retention
 * raised: the cost jump the alert is for), and on `other` a backup SKU no classifier knows.
 */
export function addBilling(
  world: SimWorld,
  nowMs: number,
  jump: ClusterRef,
  other: ClusterRef,
  discounted: SimProject,
): void {
  const newestDayMs = startOfDay(nowMs - DAY_MS);
  const month = new Date(newestDayMs);
  const startMs = Date.UTC(month.getUTCFullYear(), month.getUTCMonth(), 1);
  const otherProject = world.projects.find((p) => p.id === other.groupId);
  const otherCluster = otherProject?.dedicated.find((c) => c.name === other.name);
  world.billing = {
    startMs,
    newestDayMs,
    discounts: { [discounted.id]: 10 },
    jump: { groupId: jump.groupId, clusterName: jump.name, factor: 3 },
    extra:
      otherProject && otherCluster
        ? [
            lineItem(
              { startMs, newestDayMs, discounts: {}, extra: [] },
              otherProject,
              otherCluster,
              newestDayMs,
              {
                sku: `ATLAS_${otherCluster.provider}_BACKUP_OBJECT_LOCK`,
                quantity: 1,
                unit: 'cluster days',
                price: 0.5,
              },
            ),
          ]
        : [],
  };
}
