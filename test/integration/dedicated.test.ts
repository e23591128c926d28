import { describe, expect, it } from 'vitest';
import { clusterLabels, harnessPerTest, movableClock, sample } from './harness.js';

const start = harnessPerTest();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const info = (body: string, labels: Record<string, string>) =>
  sample(body, 'mongodbatlas_backup_cluster_info', labels);

describe('dedicated clusters through the exporter', () => {
  it('shows every shape of the scenario', async () => {
    const h = await start();
    const { body } = await h.scrape();
    const { roles } = h.sim;
    const nowS = Date.now() / 1000;
    const value = (name: string, labels: Record<string, string>) =>
      sample(body, `mongodbatlas_backup_${name}`, labels);

    const healthy = clusterLabels(roles.healthyDedicated);
    expect(info(body, { ...healthy, tier: 'M30', topology: 'replicaset', backup_enabled: 'true' })).toBe(1);
    expect(value('expected_interval_seconds', healthy)).toBe(21_600);
    expect(value('next_scheduled_snapshot_timestamp_seconds', healthy)).toBeGreaterThan(nowS);
    expect(value('last_completed_snapshot_age_seconds', healthy)).toBeLessThan(21_600);
    expect(value('snapshots', { ...healthy, snapshot_type: 'on_demand', frequency: 'ondemand' })).toBe(1);
    expect(value('storage_bytes', healthy)).toBeGreaterThan(0);

    // One sharded snapshot counts once, not once per shard.
    const sharded = clusterLabels(roles.shardedDedicated);
    expect(info(body, { ...sharded, topology: 'sharded', tier: 'M40' })).toBe(1);
    expect(value('snapshots', { ...sharded, status: 'completed' })).toBe(7);
    expect(value('expected_interval_seconds', sharded)).toBe(86_400);

    const overdue = clusterLabels(roles.overdueDedicated);
    expect(value('expected_interval_seconds', overdue)).toBe(14_400);
    expect(value('last_completed_snapshot_age_seconds', overdue)).toBeGreaterThan(2 * 14_400);
    expect(value('next_scheduled_snapshot_timestamp_seconds', overdue)).toBeLessThan(nowS);

    const failed = clusterLabels(roles.failedDedicated);
    const lastCompleted =
      value('last_completed_snapshot_timestamp_seconds', failed) ?? Number.POSITIVE_INFINITY;
    expect(value('last_failed_snapshot_timestamp_seconds', failed)).toBeGreaterThan(lastCompleted);

    // Continuous backup, a snapshot in progress: counted, but it has no time yet.
    const pit = clusterLabels(roles.pitDedicated);
    expect(info(body, { ...pit, pit_enabled: 'true', topology: 'geosharded' })).toBe(1);
    expect(value('snapshots', { ...pit, status: 'in_progress' })).toBe(1);
    expect(value('oldest_unfinished_snapshot_timestamp_seconds', pit)).toBeUndefined();

    // Paused: listed, snapshots read, never overdue.
    const paused = clusterLabels(roles.pausedDedicated);
    expect(info(body, { ...paused, paused: 'true', backup_enabled: 'true' })).toBe(1);
    expect(value('collect_success', paused)).toBe(1);
    expect(value('snapshots', { ...paused, status: 'completed', frequency: 'hourly' })).toBe(3);
    expect(value('expected_interval_seconds', paused)).toBeUndefined();
    expect(value('next_scheduled_snapshot_timestamp_seconds', paused)).toBeUndefined();

    // Backup disabled: only its info and a successful collection.
    const off = clusterLabels(roles.backupDisabledDedicated);
    expect(info(body, { ...off, backup_enabled: 'false' })).toBe(1);
    expect(value('collect_success', off)).toBe(1);
    expect(value('expected_interval_seconds', off)).toBeUndefined();
    expect(value('snapshots', off)).toBeUndefined();

    expect(body).not.toContain(`cluster_name="${roles.freeCluster.name}"`);

    // Never backed up: older than twice its interval, no completed snapshot.
    const never = clusterLabels(roles.neverBackedUpFlex);
    expect(nowS - (value('cluster_created_timestamp_seconds', never) ?? nowS)).toBeGreaterThan(2 * 86_400);
    expect(value('last_completed_snapshot_timestamp_seconds', never)).toBeUndefined();

    expect(
      sample(body, 'mongodbatlas_exporter_project_collect_success', {
        group_id: healthy.group_id,
        cluster_kind: 'dedicated',
      }),
    ).toBe(1);
    // No dedicated cluster of a readable project is a problem (the unreadable project is one).
    const warned = h.logs.filter(
      (l) =>
        l.level === 'warn' &&
        String(l.cluster_kind) === 'dedicated' &&
        l.group_id !== roles.unreadableProject.groupId,
    );
    expect(warned).toEqual([]);
    expect(h.logs.some((l) => l.level === 'warn' && l.group_id === roles.unreadableProject.groupId)).toBe(
      true,
    );
  });

  it('reads each schedule once an hour, and never for paused or backup-less clusters', async () => {
    const clock = movableClock();
    const h = await start({ now: clock.now, args: ['--atlas.snapshot-recheck-interval=0s'] });
    const schedules = () =>
      h.sim.requests.filter((r) => r.endpoint === 'backup_schedule' && r.status === 200).map((r) => r.path);
    await h.scrape();
    const first = schedules();
    expect(first).toHaveLength(6);
    for (const r of [h.sim.roles.pausedDedicated, h.sim.roles.backupDisabledDedicated])
      expect(first.some((p) => p.includes(`/clusters/${r.name}/`))).toBe(false);

    h.sim.resetRequests();
    clock.advance(6 * MINUTE);
    await h.scrape();
    expect(schedules()).toEqual([]);
    // The snapshot lists are still read on every refresh.
    const answered = (endpoint: string) =>
      h.sim.requests.filter((r) => r.endpoint === endpoint && r.status === 200);
    expect(answered('cluster_snapshots')).toHaveLength(5);
    expect(answered('sharded_cluster_snapshots')).toHaveLength(2);

    h.sim.resetRequests();
    clock.advance(HOUR);
    const later = await h.scrape();
    expect(schedules()).toHaveLength(6);
    expect(
      sample(
        later.body,
        'mongodbatlas_backup_expected_interval_seconds',
        clusterLabels(h.sim.roles.healthyDedicated),
      ),
    ).toBe(21_600);
  });

  it('skips a cluster that moved to Flex, and keeps the last good values when its schedule fails', async () => {
    const clock = movableClock();
    // Past the hour the schedule is read again; the cluster must not go stale meanwhile.
    const h = await start({ now: clock.now, args: ['--atlas.stale-after=3h'] });
    const { healthyDedicated: moved, failedDedicated: broken } = h.sim.roles;
    await h.scrape();
    h.sim.injectFault({
      match: (r) => r.endpoint === 'cluster_snapshots' && r.path.includes(`/clusters/${moved.name}/`),
      kind: 'status',
      status: 400,
      errorCode: 'CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API',
    });
    h.sim.injectFault({
      match: (r) => r.endpoint === 'backup_schedule' && r.path.includes(`/clusters/${broken.name}/`),
      kind: 'status',
      status: 403,
      errorCode: 'USER_UNAUTHORIZED',
    });
    clock.advance(2 * HOUR);
    h.sim.resetRequests();
    const { body } = await h.scrape();
    expect(body).not.toContain(`cluster_name="${moved.name}"`);
    // Its snapshot pages are not read only to be thrown away with the failed schedule.
    const brokenPages = h.sim.requests.filter(
      (r) => r.endpoint === 'cluster_snapshots' && r.path.includes(`/clusters/${broken.name}/`),
    );
    expect(brokenPages).toHaveLength(0);
    const b = clusterLabels(broken);
    expect(sample(body, 'mongodbatlas_backup_collect_success', b)).toBe(0);
    expect(sample(body, 'mongodbatlas_backup_expected_interval_seconds', b)).toBe(21_600);
    expect(sample(body, 'mongodbatlas_backup_last_failed_snapshot_timestamp_seconds', b)).toBeGreaterThan(0);
    const warned = h.logs.filter((l) => l.msg === 'cannot read backup snapshots');
    expect(warned.map((l) => l.cluster_name)).toEqual([broken.name]);
  });
});
