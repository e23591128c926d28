import type { StreamReader } from '../../atlas/api.js';
import { createJsonScanner } from '../../atlas/json-stream.js';
import { text, unixSeconds } from '../../resources/lenient.js';
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

/** One invoice of the answer as it is read: its start, how many line items it has, their sums. */
interface Invoice {
  start: number;
  items: number;
  readonly sums: ReturnType<typeof createSums>;
}

/** A line item is about 350 characters; a longer one than this is no line item but a bad answer. */
const MAX_ITEM_CHARS = 64 * 1024;

/**
 * The invoice whose charges are this month's: the newest by start that holds line items. The
 * month just ended stays pending a few days after a new one starts, and a new month's invoice is
 * empty until its first day's charges post.
 */
function currentInvoice(invoices: Iterable<Invoice>): Invoice | undefined {
  let best: Invoice | undefined;
  for (const invoice of invoices)
    if (invoice.items > 0 && (!best || invoice.start > best.start)) best = invoice;
  return best;
}

/**
 * Reads a pending-invoice answer (PaginatedApiInvoiceView) as it arrives and sums its backup
 * charges per project, cluster and component, after discounts (`totalPriceCents −
 * discountCents`): each invoice's line items are parsed one at a time and summed, and nothing of
 * them is kept, so an invoice of any size costs the sums. An item without a price or a project
 * is counted, not guessed; one that is not an object, or not backup, is passed over. Empty
 * results are an organisation with nothing pending; an answer without a results array, or one
 * that is not JSON, is malformed (thrown).
 */
export function invoiceReader(): StreamReader<InvoiceCost> {
  const invoices = new Map<number, Invoice>();
  let results = false;
  const scanner = createJsonScanner(
    {
      // results[i].startDate and results[i].lineItems[j], of each invoice that is an object
      starts(path, first) {
        const [top, index, field, item] = path;
        if (top !== 'results') return false;
        if (path.length === 1) results = first === '[';
        if (typeof index !== 'number') return false;
        if (path.length === 2 && first === '{')
          invoices.set(index, { start: Number.NEGATIVE_INFINITY, items: 0, sums: createSums() });
        const invoice = invoices.get(index);
        if (!invoice || path.length < 3 || path.length > 4) return false;
        if (path.length === 3) return field === 'startDate';
        if (field !== 'lineItems' || typeof item !== 'number') return false;
        invoice.items++;
        return first === '{';
      },
      value(path, text) {
        const invoice = invoices.get(path[1] as number) as Invoice;
        const value: unknown = JSON.parse(text);
        if (path.length === 3) invoice.start = unixSeconds(value) ?? Number.NEGATIVE_INFINITY;
        else invoice.sums.add(value as Record<string, unknown>);
      },
    },
    MAX_ITEM_CHARS,
  );
  return {
    write: scanner.write,
    end() {
      scanner.end();
      if (!results) throw new Error('list answer has no results array');
    },
    result: () => (currentInvoice(invoices.values())?.sums ?? createSums()).done(),
  };
}
