import { describe, expect, it } from 'vitest';
import { againstMinimum, minimumRequests } from '../../bench/minimum.js';
import { ORGANIZATION_BILLING_VIEWER, startSimulator } from '../../simulator/index.js';
import { apiGet, oauthToken } from '../../simulator/test-helpers.js';
import { harnessPerTest, movableClock, sample } from './harness.js';

const start = harnessPerTest();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY_MS = 86_400_000;
const BILLING = ['--collector.billing'];

type H = Awaited<ReturnType<typeof start>>;
const invoiceReads = (h: H) => h.sim.requests.filter((r) => r.endpoint === 'invoices');
const cost = (body: string, name: string, labels: Record<string, string>) =>
  sample(body, `mongodbatlas_backup_${name}`, labels);
const costLines = (body: string) =>
  body.split('\n').filter((l) => /^mongodbatlas_backup_(month_to_date|daily)_cost_dollars\{/.test(l));

describe('backup cost through the exporter (--collector.billing)', () => {
  it('is off by default: no invoice asked, no cost series', async () => {
    const h = await start();
    const { body } = await h.scrape();
    expect(invoiceReads(h)).toEqual([]);
    expect(body).not.toContain('_cost_dollars');
    expect(body).not.toContain('mongodbatlas_backup_billing_collect_success');
  });

  it('shows month to date and the newest day per cluster and component, after discounts, from one invoice read', async () => {
    const h = await start({ args: BILLING });
    const { body } = await h.scrape();
    const { roles, orgId } = h.sim;
    expect(invoiceReads(h)).toHaveLength(1);
    expect(invoiceReads(h)[0]?.path).toBe(`/api/atlas/v2/orgs/${orgId}/invoices/pending`);
    expect(cost(body, 'billing_collect_success', { org_id: orgId })).toBe(1);
    const yesterday = Math.floor((Date.now() - DAY_MS) / DAY_MS) * 86_400;
    expect(cost(body, 'cost_usage_day_timestamp_seconds', { org_id: orgId })).toBe(yesterday);

    // the jump: the newest day's snapshot storage is three times a day's before it
    const jump = { group_id: roles.costJump.groupId, cluster_name: roles.costJump.name };
    const storage = { ...jump, component: 'snapshot_storage' };
    const daily = cost(body, 'daily_cost_dollars', storage) ?? 0;
    const month = cost(body, 'month_to_date_cost_dollars', storage) ?? 0;
    const days = new Date(yesterday * 1000).getUTCDate();
    if (days > 1) expect(daily / ((month - daily) / (days - 1))).toBeCloseTo(3, 1);

    // the unknown backup SKU is `other`, the pit cluster's point-in-time storage its own component
    const pit = { group_id: roles.pitDedicated.groupId, cluster_name: roles.pitDedicated.name };
    expect(cost(body, 'daily_cost_dollars', { ...pit, component: 'other' })).toBeGreaterThan(0);
    expect(cost(body, 'month_to_date_cost_dollars', { ...pit, component: 'pit_storage' })).toBeGreaterThan(0);
    // no instance hours, no Flex: only backup components
    for (const line of costLines(body))
      expect(line).toMatch(/component="(snapshot_storage|pit_storage|copy|export|download|other)"/);
    expect(body).not.toContain(`cluster_name="${roles.healthyFlex.name}",component`);
    expect(body).not.toMatch(/NaN/);

    // every backup item counted once, after its discount
    const total = costLines(body)
      .filter((l) => l.startsWith('mongodbatlas_backup_month_to_date'))
      .reduce((n, l) => n + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
    expect(total).toBeCloseTo((await backupCentsOfInvoice(h)) / 100, 2);
  });

  it("adds one invoice per organisation to a cold refresh, as the bench's minimum counts", async () => {
    const h = await start({ args: BILLING });
    await h.scrape();
    const sent: Record<string, number> = {};
    for (const r of h.sim.requests.filter((x) => x.endpoint !== 'oauth_token'))
      sent[r.endpoint] = (sent[r.endpoint] ?? 0) + 1;
    const minimum = minimumRequests(h.sim.world, false, 500, ['billing']);
    expect(minimum.invoices).toBe(1);
    expect(againstMinimum(sent, minimum).differences).toEqual({});
  });

  it('reads the invoice at most once per recheck interval', async () => {
    const clock = movableClock();
    const h = await start({ now: clock.now, args: BILLING });
    await h.scrape();
    clock.advance(6 * MINUTE);
    await h.scrape();
    expect(invoiceReads(h)).toHaveLength(1);
    clock.advance(HOUR);
    await h.scrape();
    expect(invoiceReads(h)).toHaveLength(2);
  });

  it('without Organization Billing Viewer: one WARN naming the role, success 0, everything else read, asked again after the recheck interval', async () => {
    const clock = movableClock();
    const h = await start({
      now: clock.now,
      args: BILLING,
      sim: { missingRoles: [ORGANIZATION_BILLING_VIEWER], unauthorizedStatus: 403 },
    });
    const { body } = await h.scrape();
    const { orgId } = h.sim;
    expect(cost(body, 'billing_collect_success', { org_id: orgId })).toBe(0);
    expect(costLines(body)).toEqual([]);
    expect(body).toContain('mongodbatlas_backup_last_completed_snapshot_timestamp_seconds{');
    clock.advance(6 * MINUTE);
    await h.scrape();
    expect(invoiceReads(h)).toHaveLength(1);
    const warnings = h.logs.filter((l) => l.level === 'warn' && String(l.msg).includes('invoice'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.msg).toContain('Organization Billing Viewer');
    expect(warnings[0]?.org_id).toBe(orgId);

    h.sim.setMissingRoles([]);
    clock.advance(HOUR);
    const { body: granted } = await h.scrape();
    expect(cost(granted, 'billing_collect_success', { org_id: orgId })).toBe(1);
    expect(costLines(granted).length).toBeGreaterThan(5);
  });

  it('says once what it left out of a bad invoice, counts a credit, and writes no NaN', async () => {
    const h = await start({ args: BILLING });
    const billing = h.sim.world.billing;
    if (!billing) throw new Error('the scenario has an invoice');
    // a cluster deleted this month still bills for its retained snapshots
    const { groupId } = h.sim.roles.healthyDedicated;
    const name = 'deleted-db';
    const day = new Date(billing.newestDayMs).toISOString();
    const base = { groupId, clusterName: name, startDate: day, sku: 'ATLAS_AWS_BACKUP_DOWNLOAD_VM' };
    billing.extra.push(
      { ...base, totalPriceCents: null },
      { ...base, groupId: null, totalPriceCents: 100 },
      { ...base, totalPriceCents: 500 },
      { ...base, totalPriceCents: -200, discountCents: null },
      { ...base, sku: null, clusterName: null, totalPriceCents: 100 },
      { ...base, sku: 'ATLAS_FUTURE_SNAPSHOT_THING', totalPriceCents: 40, clusterName: null },
    );
    const { body } = await h.scrape();
    expect(body).not.toMatch(/NaN/);
    const labels = { group_id: groupId, cluster_name: name, component: 'download' };
    expect(cost(body, 'daily_cost_dollars', labels)).toBe(3);
    expect(
      cost(body, 'daily_cost_dollars', { group_id: groupId, cluster_name: '', component: 'other' }),
    ).toBe(0.4);
    const warnings = h.logs.filter((l) => l.level === 'warn' && String(l.msg).includes('left out'));
    expect(warnings.map((w) => w.msg)).toEqual([
      '2 backup line items of the pending invoice have no price or no project: left out of the cost',
    ]);
  });

  it('an organisation Atlas does not know (404), and one without a pending invoice, are clear outcomes', async () => {
    const h = await start({ args: BILLING });
    const other = 'f'.repeat(24);
    const [first] = h.sim.world.projects;
    if (!first) throw new Error('the scenario has projects');
    first.orgId = other;
    h.sim.world.billing = undefined;
    const { body } = await h.scrape();
    expect(cost(body, 'billing_collect_success', { org_id: other })).toBe(0);
    expect(cost(body, 'billing_collect_success', { org_id: h.sim.orgId })).toBe(1);
    expect(cost(body, 'cost_usage_day_timestamp_seconds', { org_id: h.sim.orgId })).toBeUndefined();
    expect(costLines(body)).toEqual([]);
    const warning = h.logs.find((l) => l.msg === 'cannot read the pending invoice');
    expect(warning?.org_id).toBe(other);
    expect(warning?.status).toBe(404);
  });

  it('reads an invoice far larger than a list page as it arrives (40,000 items, 14 MB), a dropped answer again from the start', async () => {
    const h = await start({ args: BILLING });
    const billing = h.sim.world.billing;
    if (!billing) throw new Error('the scenario has an invoice');
    const { groupId } = h.sim.roles.healthyDedicated;
    // a line item per cluster and day as Atlas writes them, 400 clusters over 100 days
    for (let i = 0; i < 40_000; i++) {
      const dayMs = billing.newestDayMs - (Math.floor(i / 400) % 30) * DAY_MS;
      billing.extra.push({
        clusterName: `big-${i % 400}`,
        cloudProvider: 'AWS',
        created: new Date(dayMs + DAY_MS + 3 * HOUR).toISOString(),
        endDate: new Date(dayMs + DAY_MS).toISOString(),
        groupId,
        groupName: 'a "quoted" {project} [name] é€😀',
        quantity: 12.34,
        sku: 'ATLAS_AWS_BACKUP_SNAPSHOT_STORAGE',
        startDate: new Date(dayMs).toISOString(),
        totalPriceCents: 7,
        unit: 'GB days',
        unitPriceDollars: 0.0046666,
        tags: { team: ['storage'], note: 'per cluster, per day, per SKU' },
      });
    }
    expect(Buffer.byteLength(JSON.stringify(billing.extra))).toBeGreaterThan(13_000_000);
    h.sim.injectFault({ match: 'invoices', kind: 'truncated' });
    const { body } = await h.scrape();
    expect(cost(body, 'billing_collect_success', { org_id: h.sim.orgId })).toBe(1);
    expect(invoiceReads(h)).toHaveLength(2);
    for (const c of [0, 123, 399]) {
      const labels = { group_id: groupId, cluster_name: `big-${c}`, component: 'snapshot_storage' };
      // 100 items of 7 cents, 4 of them on the newest day
      expect(cost(body, 'month_to_date_cost_dollars', labels)).toBeCloseTo(7, 6);
      expect(cost(body, 'daily_cost_dollars', labels)).toBeCloseTo(0.28, 6);
    }
    expect(body).not.toMatch(/NaN/);
  });

  it('refuses a cut invoice as malformed, counts it, says so once, and keeps the last good cost', async () => {
    const clock = movableClock();
    const h = await start({ now: clock.now, args: BILLING });
    const good = costLines((await h.scrape()).body);
    expect(good.length).toBeGreaterThan(5);
    h.sim.injectFault({ match: 'invoices', kind: 'malformed-json' });
    clock.advance(HOUR);
    const { body } = await h.scrape();
    const { orgId } = h.sim;
    expect(cost(body, 'billing_collect_success', { org_id: orgId })).toBe(0);
    expect(costLines(body)).toEqual(good);
    expect(
      sample(body, 'mongodbatlas_exporter_api_requests_total', { endpoint: 'invoices', code: '200' }),
    ).toBe(2);
    const warnings = h.logs.filter((l) => l.msg === 'cannot read the pending invoice');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'ATLAS_MALFORMED_RESPONSE', org_id: orgId });
    expect(warnings[0]?.error).toContain('body is malformed (not valid JSON: the text ends early');
  });

  it('sharded: every shard reads the invoice and writes only its own projects, so the shards add up to one exporter', async () => {
    // a frozen clock, as in sharding.test.ts: the same ids, so every shard has projects
    const frozenNow = () => Date.UTC(2026, 10, 2, 12);
    const sim = await startSimulator({ projects: 12, dedicated: 6, now: frozenNow });
    try {
      const common = { simulator: sim, now: frozenNow };
      const whole = await start({ ...common, args: BILLING });
      const all = costLines((await whole.scrape()).body).sort();
      expect(all.length).toBeGreaterThan(20);
      const parts: string[] = [];
      for (const index of [0, 1, 2]) {
        sim.resetRequests();
        const h = await start({ ...common, args: [...BILLING, `--shard.index=${index}`, '--shard.total=3'] });
        const { body } = await h.scrape();
        expect(invoiceReads(h)).toHaveLength(1);
        expect(cost(body, 'billing_collect_success', { org_id: sim.orgId })).toBe(1);
        parts.push(...costLines(body));
      }
      expect(parts.sort()).toEqual(all);
    } finally {
      await sim.close();
    }
  });
});

/** The organisation's backup charges after discounts, summed from the simulator's own answer. */
async function backupCentsOfInvoice(h: H): Promise<number> {
  const path = `/api/atlas/v2/orgs/${h.sim.orgId}/invoices/pending`;
  const res = await apiGet(h.sim, await oauthToken(h.sim), path);
  const items: { sku: string; totalPriceCents: number; discountCents?: number }[] =
    res.json.results[0].lineItems;
  return items
    .filter((i) => /BACKUP|SNAPSHOT|PIT_RESTORE|EXPORT/.test(i.sku))
    .reduce((n, i) => n + i.totalPriceCents - (i.discountCents ?? 0), 0);
}
