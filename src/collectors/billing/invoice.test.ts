import { describe, expect, it } from 'vitest';
import { invoiceReader } from './invoice.js';

const G1 = '5e2211c17a3e5a48f5497de3';
const G2 = '5e2211c17a3e5a48f5497de4';
const DAY = 86_400;
/** 2026-03-01T00:00:00Z */
const MARCH = Date.UTC(2026, 2, 1) / 1000;
const iso = (s: number) => new Date(s * 1000).toISOString().replace('.000Z', 'Z');

/** An InvoiceLineItem as the pending invoice embeds it (2023-01-01). */
function item(sku: string, day: number, cents: number | null, more: Record<string, unknown> = {}) {
  return {
    sku,
    groupId: G1,
    groupName: 'webshop-prod',
    clusterName: 'orders',
    startDate: iso(MARCH + day * DAY),
    endDate: iso(MARCH + (day + 1) * DAY),
    quantity: 1,
    unit: 'GB days',
    unitPriceDollars: 0.01,
    totalPriceCents: cents,
    created: iso(MARCH + (day + 1) * DAY + 3600),
    cloudProvider: 'AWS',
    ...more,
  };
}

/** The cost of an answer, its JSON text given to the reader in chunks of `size` characters. */
function invoiceCost(body: unknown, size = 1000) {
  const reader = invoiceReader();
  const text = JSON.stringify(body);
  for (let at = 0; at < text.length; at += size) reader.write(text.slice(at, at + size));
  reader.end();
  return reader.result();
}

const answer = (...invoices: Record<string, unknown>[]) => ({
  links: [],
  results: invoices,
  totalCount: invoices.length,
});
const pending = (lineItems: unknown[], startDate = iso(MARCH)) => ({
  id: '66b5f1c2e1e4b74d0b4b2c1a',
  orgId: '5e2211c17a3e5a48f5497de0',
  statusName: 'PENDING',
  startDate,
  lineItems,
});

describe('the cost of a pending invoice', () => {
  it('sums backup items per project, cluster and component, after discounts, and leaves other SKUs out', () => {
    const cost = invoiceCost(
      answer(
        pending([
          item('ATLAS_AWS_BACKUP_SNAPSHOT_STORAGE', 0, 1000, { discountCents: 100 }),
          item('ATLAS_AWS_BACKUP_SNAPSHOT_STORAGE', 1, 1000, { discountCents: 100 }),
          item('ATLAS_NDS_AWS_PIT_RESTORE_STORAGE', 1, 250),
          item('ATLAS_AWS_INSTANCE_M30', 1, 9999),
          item('ATLAS_AWS_TIME_BASED_SNAPSHOT_COPY_LEVEL_1', 1, 40, { groupId: G2, clusterName: 'ledger' }),
        ]),
      ),
    );
    expect(cost.usageDay).toBe(MARCH + DAY);
    expect(cost.leftOut).toBe(0);
    expect(cost.projects.get(G1)).toEqual([
      { clusterName: 'orders', component: 'snapshot_storage', monthCents: 1800, dayCents: 900 },
      { clusterName: 'orders', component: 'pit_storage', monthCents: 250, dayCents: 250 },
    ]);
    expect(cost.projects.get(G2)).toEqual([
      { clusterName: 'ledger', component: 'copy', monthCents: 40, dayCents: 40 },
    ]);
  });

  it('takes the newest usage day of any item: a cluster without backup charges that day costs 0 that day', () => {
    const cost = invoiceCost(
      answer(
        pending([
          item('ATLAS_AWS_BACKUP_SNAPSHOT_STORAGE', 3, 500),
          item('ATLAS_AWS_BACKUP_SNAPSHOT_STORAGE', 1, 500),
          // charges of an older day arriving after a newer one's still only count in the month
          item('ATLAS_AWS_BACKUP_SNAPSHOT_STORAGE', 2, 500),
          item('ATLAS_AWS_BACKUP_DOWNLOAD_VM', 1, 300),
          item('ATLAS_AWS_INSTANCE_M30', 4, 9999),
        ]),
      ),
    );
    expect(cost.usageDay).toBe(MARCH + 4 * DAY);
    expect(cost.projects.get(G1)).toEqual([
      { clusterName: 'orders', component: 'snapshot_storage', monthCents: 1500, dayCents: 0 },
      { clusterName: 'orders', component: 'download', monthCents: 300, dayCents: 0 },
    ]);
  });

  it('counts a credit, sorts an unknown backup SKU into other, and keeps an item Atlas gives no cluster', () => {
    const cost = invoiceCost(
      answer(
        pending([
          item('ATLAS_AWS_BACKUP_SNAPSHOT_STORAGE', 0, 700),
          item('ATLAS_AWS_BACKUP_SNAPSHOT_STORAGE', 0, -200, { note: 'credit' }),
          item('ATLAS_AWS_BACKUP_OBJECT_LOCK', 0, 90),
          item('BACKUP_STORAGE', 0, 60, { clusterName: null }),
        ]),
      ),
    );
    expect(cost.projects.get(G1)).toEqual([
      { clusterName: 'orders', component: 'snapshot_storage', monthCents: 500, dayCents: 500 },
      { clusterName: 'orders', component: 'other', monthCents: 90, dayCents: 90 },
      { clusterName: '', component: 'snapshot_storage', monthCents: 60, dayCents: 60 },
    ]);
  });

  it('leaves out and counts backup items without a price or a project; never a NaN', () => {
    const cost = invoiceCost(
      answer(
        pending([
          item('ATLAS_AWS_BACKUP_SNAPSHOT_STORAGE', 0, null),
          item('ATLAS_AWS_BACKUP_SNAPSHOT_STORAGE', 0, 100, { totalPriceCents: '100' }),
          item('ATLAS_AWS_BACKUP_SNAPSHOT_STORAGE', 0, 100, { groupId: null }),
          item('ATLAS_AWS_BACKUP_SNAPSHOT_STORAGE', 0, 100, { discountCents: null }),
          item('ATLAS_AWS_BACKUP_SNAPSHOT_STORAGE', 0, 100, { startDate: null }),
          item('ATLAS_AWS_INSTANCE_M30', 0, null),
          { ...item('x', 0, 1), sku: null },
          null,
          'nope',
        ]),
      ),
    );
    expect(cost.leftOut).toBe(3);
    // the undated item counts in the month, not in the day
    expect(cost.projects.get(G1)).toEqual([
      { clusterName: 'orders', component: 'snapshot_storage', monthCents: 200, dayCents: 100 },
    ]);
  });

  it('has nothing on an organisation without a pending invoice, or one without line items yet', () => {
    for (const body of [answer(), answer(pending([])), answer({ ...pending([]), lineItems: null })]) {
      const cost = invoiceCost(body);
      expect(cost).toEqual({ usageDay: undefined, projects: new Map(), leftOut: 0 });
    }
  });

  it('gives no day when no item says its day', () => {
    const cost = invoiceCost(answer(pending([item('BACKUP_STORAGE', 0, 10, { startDate: 'yesterday' })])));
    expect(cost.usageDay).toBeUndefined();
    expect(cost.projects.get(G1)).toEqual([
      { clusterName: 'orders', component: 'snapshot_storage', monthCents: 10, dayCents: undefined },
    ]);
  });

  it("reads this month's invoice while the last month's is still pending, or that one until this month's has items", () => {
    const feb = pending([item('BACKUP_STORAGE', -1, 5000)], iso(MARCH - 28 * DAY));
    const march = pending([item('BACKUP_STORAGE', 0, 70)]);
    expect(invoiceCost(answer(feb, march)).projects.get(G1)?.[0]?.monthCents).toBe(70);
    expect(invoiceCost(answer(march, feb)).projects.get(G1)?.[0]?.monthCents).toBe(70);
    expect(invoiceCost(answer(feb, pending([]))).projects.get(G1)?.[0]?.monthCents).toBe(5000);
  });

  it('refuses an answer without a results array', () => {
    for (const body of [null, 'nope', {}, { results: {} }, [{ results: [] }]])
      expect(() => invoiceCost(body)).toThrow('list answer has no results array');
  });

  it('gives the same cost whatever offset a chunk ends at, with braces, quotes and escapes in its strings', () => {
    const body = answer(
      { ...pending([item('BACKUP_STORAGE', 0, 5000)], iso(MARCH - 28 * DAY)), note: '{"lineItems":[' },
      pending([
        item('ATLAS_AWS_BACKUP_SNAPSHOT_STORAGE', 0, 1000, { groupName: 'a "}{" \\ ][', discountCents: 100 }),
        item('ATLAS_AWS_BACKUP_SNAPSHOT_STORAGE', 1, 300, { clusterName: 'é€😀 "x"', tags: [{ k: ']}' }] }),
        null,
        item('ATLAS_NDS_AWS_PIT_RESTORE_STORAGE', 1, 250, { groupId: G2 }),
        item('ATLAS_AWS_BACKUP_SNAPSHOT_STORAGE', 1, null),
      ]),
    );
    const whole = invoiceCost(body, Number.POSITIVE_INFINITY);
    expect(whole.leftOut).toBe(1);
    expect([...whole.projects.values()].flat()).toHaveLength(3);
    expect(whole.projects.get(G1)?.[1]).toEqual({
      clusterName: 'é€😀 "x"',
      component: 'snapshot_storage',
      monthCents: 300,
      dayCents: 300,
    });
    const text = JSON.stringify(body);
    for (let at = 0; at <= text.length; at++) {
      const reader = invoiceReader();
      reader.write(text.slice(0, at));
      reader.write(text.slice(at));
      reader.end();
      expect(reader.result(), `split at ${at}`).toEqual(whole);
    }
    expect(invoiceCost(body, 1)).toEqual(whole);
  });

  it('refuses a truncated or malformed answer, and a line item too long to be one', () => {
    const text = JSON.stringify(
      answer(pending([item('BACKUP_STORAGE', 0, 10), item('BACKUP_STORAGE', 1, 10)])),
    );
    for (const cut of [1, text.length / 2, text.length - 2, text.length - 1]) {
      const reader = invoiceReader();
      reader.write(text.slice(0, cut));
      expect(() => reader.end(), `cut at ${cut}`).toThrow(/^not valid JSON: the text ends early/);
    }
    const bad = invoiceReader();
    expect(() => bad.write(text.replace('"sku":', '"sku"'))).toThrow(/^not valid JSON: /);
    const long = invoiceReader();
    const huge = JSON.stringify(
      answer(pending([item('BACKUP_STORAGE', 0, 10, { tags: 'x'.repeat(70_000) })])),
    );
    expect(() => long.write(huge)).toThrow('a value longer than 65536 characters');
  });

  it('keeps only one sum per project, cluster and component of an invoice with 21,840 items', () => {
    const items = [];
    for (let day = 0; day < 30; day++) {
      for (let c = 0; c < 240; c++) {
        const clusterName = `cluster-${c}`;
        const groupId = c % 2 === 0 ? G1 : G2;
        items.push(item('ATLAS_AWS_BACKUP_SNAPSHOT_STORAGE', day, 100 + c, { groupId, clusterName }));
        items.push(item('ATLAS_NDS_AWS_PIT_RESTORE_STORAGE', day, 10, { groupId, clusterName }));
        items.push(item('ATLAS_AWS_INSTANCE_M30', day, 5000, { groupId, clusterName }));
        if (day === 29)
          items.push(item('ATLAS_AWS_BACKUP_SNAPSHOT_STORAGE', day, -(100 + c), { groupId, clusterName }));
      }
    }
    expect(items.length).toBeGreaterThan(20_000);
    const cost = invoiceCost(answer(pending(items)));
    const lines = [...cost.projects.values()].flat();
    expect(lines).toHaveLength(480);
    const c7 = lines.find((l) => l.clusterName === 'cluster-7' && l.component === 'snapshot_storage');
    expect(c7).toEqual({
      clusterName: 'cluster-7',
      component: 'snapshot_storage',
      monthCents: 29 * 107,
      dayCents: 0,
    });
  });
});
