import { describe, expect, it } from 'vitest';
import { PROJECT_OWNER } from '../../simulator/index.js';
import { harnessPerTest, movableClock, sample } from './harness.js';

const start = harnessPerTest();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY_S = 86_400;
const COMPLIANCE = ['--collector.compliance-policy'];

type H = Awaited<ReturnType<typeof start>>;
const reads = (h: H) => h.sim.requests.filter((r) => r.endpoint === 'compliance_policy');
const value = (body: string, name: string, labels: Record<string, string>) =>
  sample(body, `mongodbatlas_backup_${name}`, labels);
/** The warnings that name the role (the scenario's unreadable project is refused it too). */
const refusals = (h: H) => h.logs.filter((l) => l.level === 'warn' && String(l.msg).includes(PROJECT_OWNER));

describe('the Backup Compliance Policy through the exporter (--collector.compliance-policy)', () => {
  it('is off by default: never asked, no series', async () => {
    const h = await start();
    const { body } = await h.scrape();
    expect(reads(h)).toEqual([]);
    expect(body).not.toContain('mongodbatlas_backup_compliance');
  });

  it('shows each policy’s state and settings; a project without one has only its success', async () => {
    const h = await start({ args: COMPLIANCE });
    const { body } = await h.scrape();
    const { active, updating, none } = h.sim.roles.compliancePolicy;
    const shop = { group_id: active.groupId };
    expect(value(body, 'compliance_policy_info', shop)).toBe(1);
    expect(body).toContain(
      `mongodbatlas_backup_compliance_policy_info{group_id="${active.groupId}",state="active",copy_protection="true",encryption_at_rest="false",pit_enabled="true"} 1`,
    );
    expect(value(body, 'compliance_restore_window_seconds', shop)).toBe(7 * DAY_S);
    // two daily items (7 days, 2 weeks): the longer one
    expect(value(body, 'compliance_min_retention_seconds', { ...shop, frequency: 'daily' })).toBe(14 * DAY_S);
    expect(value(body, 'compliance_min_retention_seconds', { ...shop, frequency: 'monthly' })).toBe(
      12 * 31 * DAY_S,
    );
    expect(value(body, 'compliance_policy_info', { group_id: updating.groupId, state: 'updating' })).toBe(1);
    for (const ref of [active, updating, none])
      expect(value(body, 'compliance_collect_success', { group_id: ref.groupId })).toBe(1);
    expect(body).not.toMatch(
      new RegExp(`mongodbatlas_backup_compliance_(?!collect)[a-z_]+\\{group_id="${none.groupId}"`),
    );
    expect(body).not.toContain('NaN');
  });

  it('is read at most once per recheck interval', async () => {
    const clock = movableClock();
    const h = await start({ now: clock.now, args: COMPLIANCE });
    await h.scrape();
    const first = reads(h).length;
    expect(first).toBe(h.sim.world.projects.length);
    clock.advance(30 * MINUTE);
    await h.scrape();
    expect(reads(h)).toHaveLength(first);
    clock.advance(31 * MINUTE);
    await h.scrape();
    expect(reads(h)).toHaveLength(2 * first);
  });

  it('without Project Owner: success 0, the last good policy kept, one warning naming the role, asked again after the recheck', async () => {
    const clock = movableClock();
    const h = await start({ now: clock.now, args: COMPLIANCE });
    await h.scrape();
    const { active } = h.sim.roles.compliancePolicy;
    const shop = { group_id: active.groupId };
    const projects = h.sim.world.projects.length;

    h.sim.setMissingRoles([PROJECT_OWNER]);
    h.sim.resetRequests();
    clock.advance(HOUR);
    const { body } = await h.scrape();
    expect(reads(h).filter((r) => r.status === 401)).toHaveLength(projects);
    expect(value(body, 'compliance_collect_success', shop)).toBe(0);
    expect(value(body, 'compliance_policy_info', { ...shop, state: 'active' })).toBe(1);
    expect(sample(body, 'mongodbatlas_exporter_refreshes_total', { result: 'failure' })).toBe(0);

    for (let i = 0; i < 3; i++) {
      clock.advance(6 * MINUTE);
      await h.scrape();
    }
    expect(reads(h)).toHaveLength(projects);
    expect(refusals(h)).toHaveLength(1);
    expect(String(refusals(h)[0]?.msg)).toContain('the credentials lack the Project Owner role');
    expect(String(refusals(h)[0]?.msg)).toContain('compliance_collect_success is 0 for those projects');

    // still refused after the recheck interval: asked once more per project, not warned again
    clock.advance(HOUR);
    await h.scrape();
    expect(reads(h)).toHaveLength(2 * projects);
    expect(refusals(h)).toHaveLength(1);

    h.sim.setMissingRoles([]);
    clock.advance(HOUR);
    const later = await h.scrape();
    expect(value(later.body, 'compliance_collect_success', shop)).toBe(1);
  });

  it('for a project Atlas does not know (404): success 0, one warning, no policy series', async () => {
    const unknown = 'f'.repeat(24);
    const h = await start({ args: [...COMPLIANCE, `--atlas.project-id=${unknown}`] });
    const { body } = await h.scrape();
    expect(reads(h).map((r) => r.status)).toEqual([404]);
    expect(value(body, 'compliance_collect_success', { group_id: unknown })).toBe(0);
    expect(body).not.toContain('mongodbatlas_backup_compliance_policy_info{');
    const failed = h.logs.filter((l) => l.msg === 'cannot read the Backup Compliance Policy');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ level: 'warn', group_id: unknown });
  });
});
