import { describe, expect, it } from 'vitest';
import { PROJECT_BACKUP_MANAGER } from '../../simulator/index.js';
import { clusterLabels, harnessPerTest, movableClock, sample } from './harness.js';

const start = harnessPerTest();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY_S = 86_400;
const EXPORTS = ['--collector.exports'];

type H = Awaited<ReturnType<typeof start>>;
const jobLists = (h: H) => h.sim.requests.filter((r) => r.endpoint === 'export_jobs');
const bucketLists = (h: H) => h.sim.requests.filter((r) => r.endpoint === 'export_buckets');

describe('exports to object storage through the exporter (--collector.exports)', () => {
  it('are off by default: no export list asked, only the schedule’s interval, which costs nothing', async () => {
    const h = await start();
    const { body } = await h.scrape();
    expect([...jobLists(h), ...bucketLists(h)]).toEqual([]);
    expect(body).not.toContain('mongodbatlas_backup_export_jobs');
    expect(body).not.toContain('mongodbatlas_backup_export_bucket_info');
    const { exportingDedicated, failedExport, healthyFlex } = h.sim.roles;
    const interval = (ref: typeof healthyFlex) =>
      sample(body, 'mongodbatlas_backup_export_expected_interval_seconds', clusterLabels(ref));
    expect(interval(exportingDedicated)).toBe(31 * DAY_S);
    expect(interval(failedExport)).toBe(366 * DAY_S);
    expect(interval(h.sim.roles.pitDedicated)).toBeUndefined();
    expect(interval(healthyFlex)).toBeUndefined();
  });

  it('shows jobs by state, the newest successful and failed export, and each project’s buckets', async () => {
    const h = await start({ args: EXPORTS });
    const { body } = await h.scrape();
    const { roles } = h.sim;
    const nowS = Date.now() / 1000;
    const value = (name: string, labels: Record<string, string>) =>
      sample(body, `mongodbatlas_backup_${name}`, labels);

    const orders = clusterLabels(roles.exportingDedicated);
    expect(value('export_jobs', { ...orders, state: 'successful' })).toBe(2);
    expect(value('export_jobs', { ...orders, state: 'in_progress' })).toBe(1);
    expect(nowS - (value('last_successful_export_timestamp_seconds', orders) ?? 0)).toBeLessThan(10 * DAY_S);
    expect(value('last_failed_export_timestamp_seconds', orders)).toBeUndefined();
    expect(value('export_collect_success', orders)).toBe(1);

    expect(value('export_jobs', { ...clusterLabels(roles.shardedDedicated), state: 'cancelled' })).toBe(1);
    const overdue = clusterLabels(roles.overdueExport);
    expect(nowS - (value('last_successful_export_timestamp_seconds', overdue) ?? nowS)).toBeGreaterThan(
      1.5 * 31 * DAY_S,
    );
    const failed = clusterLabels(roles.failedExport);
    expect(value('export_jobs', { ...failed, state: 'queued' })).toBe(1);
    expect(value('last_failed_export_timestamp_seconds', failed)).toBeGreaterThan(
      value('last_successful_export_timestamp_seconds', failed) ?? Number.POSITIVE_INFINITY,
    );

    // a cluster without backup is never asked, Flex has no export jobs
    expect(jobLists(h).some((r) => r.path.includes(`/${roles.backupDisabledDedicated.name}/`))).toBe(false);
    expect(value('export_collect_success', clusterLabels(roles.healthyFlex))).toBeUndefined();

    const shop = roles.exportingDedicated.groupId;
    const providers = h.sim.world.projects
      .flatMap((p) => p.exportBuckets ?? [])
      .map((b) => [b._id, b.bucketName, b.cloudProvider]);
    expect(providers).toHaveLength(3);
    for (const [bucket_id, bucket_name, cloud_provider] of providers)
      expect(
        value('export_bucket_info', {
          group_id: shop,
          bucket_id: bucket_id ?? '',
          bucket_name: bucket_name ?? '',
          cloud_provider: cloud_provider ?? '',
        }),
      ).toBe(1);
    // one bucket list per project, the 2024-05-30 version; the unreadable project's is refused
    expect(bucketLists(h)).toHaveLength(h.sim.world.projects.length);
    const readable = h.sim.world.projects.filter((p) => p.readable).length;
    const requests = (code: string) =>
      sample(body, 'mongodbatlas_exporter_api_requests_total', { endpoint: 'export_buckets', code });
    expect(requests('200')).toBe(readable);
    expect(requests('401')).toBe(h.sim.world.projects.length - readable);
  });

  it('reads a job list again only while a job is unfinished, once an export falls due, or after the recheck interval', async () => {
    const clock = movableClock();
    const h = await start({ now: clock.now, args: EXPORTS });
    await h.scrape();
    const cold = jobLists(h).length;
    expect(cold).toBeGreaterThan(3);
    h.sim.resetRequests();
    clock.advance(6 * MINUTE);
    await h.scrape();
    // only the lists with a queued or in-progress job (orders-db, checkout-db); buckets wait
    const { exportingDedicated, failedExport } = h.sim.roles;
    const asked = () => jobLists(h).map((r) => r.path.split('/').at(-3));
    expect(asked().sort()).toEqual([exportingDedicated.name, failedExport.name].sort());
    expect(bucketLists(h)).toEqual([]);

    h.sim.resetRequests();
    clock.advance(HOUR);
    await h.scrape();
    expect(jobLists(h)).toHaveLength(cold);
    expect(bucketLists(h).length).toBeGreaterThan(0);
  });

  it('reads a list once its next auto-export falls due, within a long recheck interval, and an overdue one not again', async () => {
    const clock = movableClock();
    const h = await start({ now: clock.now, args: [...EXPORTS, '--atlas.snapshot-recheck-interval=30d'] });
    // end the unfinished jobs, so only the due rule is left to ask
    for (const c of h.sim.world.projects.flatMap((p) => p.dedicated))
      for (const j of c.exportJobs)
        if (j.finishedMs === undefined) Object.assign(j, { state: 'Cancelled', finishedMs: clock.now() });
    await h.scrape();
    const asked = () => jobLists(h).map((r) => r.path.split('/').at(-3));
    h.sim.resetRequests();
    clock.advance(6 * MINUTE);
    await h.scrape();
    // billing-db's export is overdue since weeks: read at start, not again
    expect(asked()).toEqual([]);

    // monthly, search-db exported 12 days ago and orders-db 9: due 19 and 22 days on
    const { shardedDedicated, exportingDedicated } = h.sim.roles;
    clock.advance(19 * DAY_S * 1000 + HOUR);
    await h.scrape();
    expect(asked()).toEqual([shardedDedicated.name]);
    h.sim.resetRequests();
    clock.advance(3 * DAY_S * 1000);
    await h.scrape();
    expect(asked()).toEqual([exportingDedicated.name]);
    h.sim.resetRequests();
    clock.advance(6 * MINUTE);
    await h.scrape();
    expect(asked()).toEqual([]);
  });

  it('with read-only credentials: export_collect_success 0, one warning naming the role, buckets still read, asked again after the recheck', async () => {
    const clock = movableClock();
    const h = await start({ now: clock.now, sim: { missingRoles: [PROJECT_BACKUP_MANAGER] }, args: EXPORTS });
    const { body } = await h.scrape();
    const { roles } = h.sim;
    const projects = new Set(
      h.sim.world.projects
        .filter((p) => p.readable && p.dedicated.some((c) => c.backupEnabled))
        .map((p) => p.id),
    );
    // one refused request per project, not one per cluster
    expect(jobLists(h)).toHaveLength(projects.size);
    expect(jobLists(h).every((r) => r.status === 401)).toBe(true);
    const orders = clusterLabels(roles.exportingDedicated);
    expect(sample(body, 'mongodbatlas_backup_export_collect_success', orders)).toBe(0);
    expect(sample(body, 'mongodbatlas_backup_export_jobs', orders)).toBeUndefined();
    expect(sample(body, 'mongodbatlas_backup_collect_success', orders)).toBe(1);
    expect(body).toContain('mongodbatlas_backup_export_bucket_info{');
    expect(sample(body, 'mongodbatlas_exporter_refreshes_total', { result: 'failure' })).toBe(0);

    for (let i = 0; i < 3; i++) {
      clock.advance(6 * MINUTE);
      await h.scrape();
    }
    expect(jobLists(h)).toHaveLength(projects.size);
    const warnings = h.logs.filter(
      (l) => l.level === 'warn' && l.group_id !== roles.unreadableProject.groupId,
    );
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0]?.msg)).toContain('Project Backup Manager');
    expect(String(warnings[0]?.msg)).toContain('export_collect_success is 0');

    // still refused after the recheck interval: asked once more per project, not warned again
    clock.advance(HOUR);
    await h.scrape();
    expect(jobLists(h)).toHaveLength(2 * projects.size);
    expect(
      h.logs.filter((l) => l.level === 'warn' && l.group_id !== roles.unreadableProject.groupId),
    ).toHaveLength(1);

    h.sim.setMissingRoles([]);
    clock.advance(HOUR);
    const later = await h.scrape();
    expect(sample(later.body, 'mongodbatlas_backup_export_collect_success', orders)).toBe(1);
    expect(h.logs.some((l) => l.msg === 'recovered' && l.scope === 'export-jobs-refused')).toBe(true);
  });
});
