import { describe, expect, it } from 'vitest';
import { ORGANIZATION_BILLING_VIEWER } from '../index.js';
import { contractSession, FIXED_NOW, V2, V2023 } from '../test-helpers.js';
import { loadSpec } from './test-spec.js';

const { expectValid } = loadSpec('openapi-cost-compliance-subset.json');
const T = '/api/atlas/v2/orgs/{orgId}/invoices/pending';
const DAY_MS = 86_400_000;

interface Item {
  sku: string;
  groupId: string;
  clusterName: string;
  startDate: string;
  totalPriceCents: number;
  discountCents?: number;
}

describe('simulator contract, the pending invoice (openapi-cost-compliance-subset.json)', () => {
  const api = contractSession();
  const path = () => `${V2}/orgs/${api.sim.orgId}/invoices/pending`;

  it('answers strictly valid: backup items of several clusters and components, others beside them', async () => {
    const res = await api.get(path(), V2023);
    expectValid(T, res, 200, '2023-01-01');
    const [invoice] = res.json.results;
    expect(invoice.statusName).toBe('PENDING');
    const items = invoice.lineItems as Item[];
    const backup = items.filter((i) => /BACKUP|SNAPSHOT|PIT_RESTORE|EXPORT/.test(i.sku));
    expect(new Set(backup.map((i) => `${i.groupId}/${i.clusterName}`)).size).toBeGreaterThan(5);
    const kinds = new Set(backup.map((i) => i.sku.replace(/^ATLAS_(NDS_)?(AWS|GCP|AZURE)_/, '')));
    expect([...kinds]).toEqual(
      expect.arrayContaining([
        'BACKUP_SNAPSHOT_STORAGE',
        'PIT_RESTORE_STORAGE',
        'SNAPSHOT_EXPORT_UPLOAD',
        'BACKUP_OBJECT_LOCK',
      ]),
    );
    expect(items.some((i) => i.sku.includes('_INSTANCE_'))).toBe(true);
    expect(items.some((i) => (i.discountCents ?? 0) > 0)).toBe(true);
  });

  it('posts a day late: the newest usage day is yesterday, the period its month', async () => {
    const res = await api.get(path(), V2023);
    const [invoice] = res.json.results;
    const days = (invoice.lineItems as Item[]).map((i) => Date.parse(i.startDate));
    const yesterday = Math.floor((FIXED_NOW - DAY_MS) / DAY_MS) * DAY_MS;
    expect(Math.max(...days)).toBe(yesterday);
    expect(Math.min(...days)).toBe(Date.parse(invoice.startDate));
    expect(invoice.startDate).toBe('2026-11-01T00:00:00Z');
  });

  it("triples the jump cluster's snapshot storage on the newest day only", async () => {
    const { costJump } = api.sim.roles;
    const res = await api.get(path(), V2023);
    const storage = (res.json.results[0].lineItems as Item[])
      .filter((i) => i.groupId === costJump.groupId && i.clusterName === costJump.name)
      .filter((i) => i.sku.endsWith('_BACKUP_SNAPSHOT_STORAGE'))
      .sort((a, b) => a.startDate.localeCompare(b.startDate))
      .map((i) => i.totalPriceCents);
    const newest = storage.at(-1) ?? 0;
    const before = storage.slice(-8, -1);
    expect(before.length).toBe(7);
    expect(newest / (before.reduce((a, b) => a + b, 0) / before.length)).toBeCloseTo(3, 1);
  });

  it('refuses without Organization Billing Viewer, and answers 404 for another organisation', async () => {
    api.sim.setMissingRoles([ORGANIZATION_BILLING_VIEWER]);
    try {
      expectValid(T, await api.get(path(), V2023), 401);
    } finally {
      api.sim.setMissingRoles([]);
    }
    const res = await api.get(`${V2}/orgs/${'f'.repeat(24)}/invoices/pending`, V2023);
    expectValid(T, res, 404);
    expect(res.json.errorCode).toBe('ORG_NOT_FOUND');
  });
});
