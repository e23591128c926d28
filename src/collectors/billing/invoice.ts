import { parsePage } from '../../atlas/page.js';
import { isObject, objects, text, unixSeconds } from '../../resources/lenient.js';
import { type Component, componentOf } from './components.js';

/** One cluster's charges for one component, in cents after discounts. */
export interface CostLine {
  /** empty for items Atlas gives no cluster */
  readonly clusterName: string;
  readonly component: Component;
  readonly monthCents: number;
  /** of the invoice's newest usage day; undefined when no line item says its day */
  readonly dayCents: number | undefined;
}

/** The backup charges of an organisation's pending invoice, summed: nothing of the line items is kept. */
export interface InvoiceCost {
  /** the start of the newest usage day any line item holds, Unix seconds */
  readonly usageDay: number | undefined;
  /** per project id, its backup charges per cluster and component */
  readonly projects: ReadonlyMap<string, readonly CostLine[]>;
  /** backup line items without a price or a project: left out of the sums */
  readonly leftOut: number;
}

const DAY_SECONDS = 86_400;

/** A JSON number; null, a string or nothing is undefined. Negative numbers stay: a credit. */
function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The UTC day a usage period starts in, as Unix seconds. */
function dayOf(value: unknown): number | undefined {
  const s = unixSeconds(value);
  return s === undefined ? undefined : Math.floor(s / DAY_SECONDS) * DAY_SECONDS;
}

/** The sums of one project, cluster and component while the items go by. */
interface Sum {
  readonly groupId: string;
  readonly clusterName: string;
  readonly component: Component;
  month: number;
  /** the newest day seen for this key, and its charges */
  day: number | undefined;
  dayCents: number;
}

/** A running sum over line items: one entry per project, cluster and component. */
function createSums() {
  const sums = new Map<string, Sum>();
  let newestDay: number | undefined;
  let leftOut = 0;

  function add(item: Record<string, unknown>): void {
    const day = dayOf(item.startDate);
    // the invoice's newest day is any item's: a cluster without backup charges that day costs 0
    if (day !== undefined && (newestDay === undefined || day > newestDay)) newestDay = day;
    const component = componentOf(text(item.sku) ?? '');
    if (component === undefined) return;
    const groupId = text(item.groupId);
    const total = finite(item.totalPriceCents);
    if (groupId === undefined || total === undefined) {
      leftOut++;
      return;
    }
    const cents = total - (finite(item.discountCents) ?? 0);
    const clusterName = text(item.clusterName) ?? '';
    const key = `${groupId}\u0000${clusterName}\u0000${component}`;
    let sum = sums.get(key);
    if (!sum) {
      sum = { groupId, clusterName, component, month: 0, day: undefined, dayCents: 0 };
      sums.set(key, sum);
    }
    sum.month += cents;
    if (day === undefined || (sum.day !== undefined && day < sum.day)) return;
    if (day !== sum.day) {
      sum.day = day;
      sum.dayCents = 0;
    }
    sum.dayCents += cents;
  }

  function done(): InvoiceCost {
    const projects = new Map<string, CostLine[]>();
    for (const s of sums.values()) {
      const dayCents = newestDay === undefined ? undefined : s.day === newestDay ? s.dayCents : 0;
      const line = { clusterName: s.clusterName, component: s.component, monthCents: s.month, dayCents };
      const list = projects.get(s.groupId);
      if (list) list.push(line);
      else projects.set(s.groupId, [line]);
    }
    return { usageDay: newestDay, projects, leftOut };
  }

  return { add, done };
}

/**
 * The invoice whose charges are this month's: the newest by start that holds line items. The
 * month just ended stays pending a few days after a new one starts, and a new month's invoice is
 * empty until its first day's charges post.
 */
function currentInvoice(results: readonly unknown[]): Record<string, unknown> | undefined {
  let best: { invoice: Record<string, unknown>; start: number } | undefined;
  for (const invoice of objects(results)) {
    if (!Array.isArray(invoice.lineItems) || invoice.lineItems.length === 0) continue;
    const start = unixSeconds(invoice.startDate) ?? Number.NEGATIVE_INFINITY;
    if (!best || start > best.start) best = { invoice, start };
  }
  return best?.invoice;
}

/**
 * The backup charges of a pending-invoice answer (PaginatedApiInvoiceView): its line items summed
 * as they are read, per project, cluster and component, after discounts (`totalPriceCents −
 * discountCents`). An item without a price or a project is counted, not guessed; one that is not
 * an object, or not backup, is passed over. Empty results are an organisation with nothing
 * pending; an answer without a results array is malformed (thrown, as for any list).
 */
export function invoiceCost(body: unknown): InvoiceCost {
  const sums = createSums();
  const items = currentInvoice(parsePage(body, 'invoices').results)?.lineItems;
  if (Array.isArray(items)) for (const item of items) if (isObject(item)) sums.add(item);
  return sums.done();
}
