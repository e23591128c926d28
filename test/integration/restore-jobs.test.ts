import { describe, expect, it } from 'vitest';
import { PROJECT_BACKUP_MANAGER } from '../../simulator/index.js';
import { clusterLabels, harnessPerTest, movableClock, sample } from './harness.js';

const start = harnessPerTest();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const RESTORES = ['--collector.restore-jobs'];

type H = Awaited<ReturnType<typeof start>>;
const restoreLists = (h: H) =>
  h.sim.requests.filter((r) => r.endpoint === 'restore_jobs' || r.endpoint === 'flex_restore_jobs');
const collectionLists = (h: H) => h.sim.requests.filter((r) => r.endpoint === 'collection_restore_jobs');
/** The cluster names whose lists were asked for, in order. */
const askedFor = (requests: readonly { path: string }[]) =>
  requests.map((r) => decodeURIComponent(r.path.split('/clusters/')[1]?.split('/')[0] ?? '')).sort();

describe('restore jobs through the exporter (--collector.restore-jobs)', () => {
  it('are off by default: no restore list is asked, no restore series shown', async () => {
    const h = await start();
    const { body } = await h.scrape();
    expect(restoreLists(h)).toEqual([]);
    expect(collectionLists(h)).toEqual([]);
    // restore_window_seconds is the schedule's point-in-time window, not a restore job's.
    expect(body).not.toMatch(/mongodbatlas_backup_restore_(?!window_seconds)/);
    expect(body).not.toContain('restore_jobs');
    expect(body).not.toContain('collection_restore');
    expect(body).not.toContain('restore_duration');
  });

  it('shows every shape of the scenario, with only the times Atlas gave', async () => {
    const h = await start({ args: RESTORES });
    const { body } = await h.scrape();
    const { roles } = h.sim;
    const nowS = Date.now() / 1000;
    const value = (name: string, labels: Record<string, string>) =>
      sample(body, `mongodbatlas_backup_${name}`, labels);

    const flex = clusterLabels(roles.healthyFlex);
    expect(value('restore_jobs', { ...flex, status: 'completed', delivery_type: 'restore' })).toBe(1);
    expect(value('restore_jobs', { ...flex, status: 'completed', delivery_type: 'download' })).toBe(1);
    expect(nowS - (value('last_completed_restore_timestamp_seconds', flex) ?? 0)).toBeLessThan(3 * 86_400);
    expect(value('restore_collect_success', flex)).toBe(1);

    for (const failed of [roles.failedRestore.flex, roles.failedRestore.dedicated]) {
      const l = clusterLabels(failed);
      expect(value('last_failed_restore_timestamp_seconds', l)).toBeGreaterThan(
        value('last_completed_restore_timestamp_seconds', l) ?? Number.POSITIVE_INFINITY,
      );
    }
    const checkout = clusterLabels(roles.failedRestore.dedicated);
    expect(value('restore_jobs', { ...checkout, status: 'cancelled', delivery_type: 'automated' })).toBe(1);

    const orders = clusterLabels(roles.healthyDedicated);
    expect(value('restore_jobs', { ...orders, status: 'expired', delivery_type: 'download' })).toBe(1);
    // a download waiting for its user: no finishedAt, so in progress
    expect(value('restore_jobs', { ...orders, status: 'in_progress', delivery_type: 'download' })).toBe(1);
    expect(value('restore_jobs', { ...orders, status: 'completed', delivery_type: 'point_in_time' })).toBe(1);

    const old = clusterLabels(roles.oldRestore);
    expect(nowS - (value('last_completed_restore_timestamp_seconds', old) ?? nowS)).toBeGreaterThan(
      190 * 86_400,
    );
    // no failed restore, so no time for one; pending/queued/running Flex jobs have no time either
    expect(value('last_failed_restore_timestamp_seconds', old)).toBeUndefined();
    const events = clusterLabels(roles.queuedFlex);
    expect(value('restore_jobs', { ...events, status: 'queued', delivery_type: 'download' })).toBe(1);
    expect(value('last_completed_restore_timestamp_seconds', events)).toBeUndefined();
    expect(value('restore_collect_success', events)).toBe(1);

    // never asked for a cluster without backup, nor for serverless (past its sunset)
    expect(restoreLists(h).some((r) => r.path.includes(`/${roles.backupDisabledDedicated.name}/`))).toBe(
      false,
    );
    expect(value('restore_collect_success', clusterLabels(roles.backupDisabledDedicated))).toBeUndefined();
    expect(
      value('restore_collect_success', clusterLabels(roles.healthyServerless[0] ?? roles.healthyFlex)),
    ).toBeUndefined();
    // the newest page only
    expect(restoreLists(h).every((r) => r.query.pageNum === '1' && r.query.itemsPerPage === '500')).toBe(
      true,
    );
    expect(sample(body, 'mongodbatlas_exporter_api_retries_total', { endpoint: 'restore_jobs' })).toBe(0);
  });

  it('shows collection-level restores of dedicated clusters, and how long the newest restore took', async () => {
    const h = await start({ args: RESTORES });
    const { body } = await h.scrape();
    const { roles } = h.sim;
    const value = (name: string, labels: Record<string, string>) =>
      sample(body, `mongodbatlas_backup_${name}`, labels);
    const orders = clusterLabels(roles.healthyDedicated);
    for (const state of ['canceled', 'successful', 'in_progress'])
      expect(value('collection_restore_jobs', { ...orders, state })).toBe(1);
    expect(value('last_restore_duration_seconds', { ...orders, restore_level: 'collection' })).toBe(25 * 60);
    const pit = clusterLabels(roles.pitDedicated);
    for (const state of ['initializing', 'finalizing'])
      expect(value('collection_restore_jobs', { ...pit, state })).toBe(1);
    // nothing completed there yet: no time, no duration
    expect(value('last_successful_collection_restore_timestamp_seconds', pit)).toBeUndefined();
    expect(value('last_restore_duration_seconds', pit)).toBeUndefined();

    const checkout = clusterLabels(roles.failedRestore.dedicated);
    expect(value('collection_restore_jobs', { ...checkout, state: 'failed' })).toBe(1);
    expect(value('last_failed_collection_restore_timestamp_seconds', checkout)).toBeGreaterThan(
      value('last_successful_collection_restore_timestamp_seconds', checkout) ?? Number.POSITIVE_INFINITY,
    );
    const slow = clusterLabels(roles.slowRestore);
    expect(value('last_restore_duration_seconds', { ...slow, restore_level: 'collection' })).toBe(6.5 * 3600);

    // Flex: scheduled to finished (3 minutes in the scenario); no collection-level restores
    const flex = clusterLabels(roles.healthyFlex);
    expect(value('last_restore_duration_seconds', { ...flex, restore_level: 'cluster' })).toBe(180);
    expect(value('collection_restore_jobs', flex)).toBeUndefined();
    // a dedicated cluster-level restore has no start: a cluster without collection restores has no duration
    const old = clusterLabels(roles.oldRestore);
    expect(value('last_completed_restore_timestamp_seconds', old)).toBeGreaterThan(0);
    expect(value('last_restore_duration_seconds', old)).toBeUndefined();
    expect(value('collection_restore_jobs', old)).toBeUndefined();

    // asked once per dedicated cluster with backup, never for Flex or a cluster without backup
    const backedUp = h.sim.world.projects
      .filter((p) => p.readable)
      .flatMap((p) => p.dedicated.filter((c) => c.backupEnabled && !c.tenant).map((c) => c.name));
    expect(askedFor(collectionLists(h))).toEqual([...backedUp].sort());
    expect(collectionLists(h).every((r) => r.query.pageNum === '1' && r.query.itemsPerPage === '500')).toBe(
      true,
    );
  });

  it('reads a list again only while a job is unfinished or after the recheck interval', async () => {
    const clock = movableClock();
    const h = await start({ now: clock.now, args: RESTORES });
    await h.scrape();
    const cold = restoreLists(h).length;
    expect(cold).toBeGreaterThan(8);
    h.sim.resetRequests();
    clock.advance(6 * MINUTE);
    await h.scrape();
    // only the lists with a pending, queued or in-progress job: events-dev, orders-db, analytics-pit
    const { queuedFlex, healthyDedicated, pitDedicated } = h.sim.roles;
    const asked = restoreLists(h).map((r) => r.path.split('/').at(-3));
    expect(asked.sort()).toEqual([healthyDedicated.name, pitDedicated.name, queuedFlex.name].sort());
    // a dedicated cluster's two lists go together
    expect(askedFor(collectionLists(h))).toEqual([healthyDedicated.name, pitDedicated.name].sort());

    h.sim.resetRequests();
    clock.advance(HOUR);
    await h.scrape();
    expect(restoreLists(h)).toHaveLength(cold);
  });

  it('reads a dedicated cluster again while only a collection-level restore is unfinished', async () => {
    const clock = movableClock();
    const h = await start({ now: clock.now, args: RESTORES });
    const { oldRestore } = h.sim.roles;
    const search = h.sim.world.projects
      .flatMap((p) => p.dedicated)
      .find((c) => c.groupId === oldRestore.groupId && c.name === oldRestore.name);
    if (!search) throw new Error('no search-db');
    const job = {
      id: 'e'.repeat(24),
      createdMs: clock.now(),
      snapshotId: 'f'.repeat(24),
      namespaces: ['a.b'],
    };
    const counts = { restoredDocuments: 0, totalDocuments: 10, writeStrategy: 'CREATE_NEW' as const };
    search.collectionRestoreJobs = [{ ...job, ...counts, state: 'IN_PROGRESS' }];
    await h.scrape();
    const searchLists = () =>
      [...restoreLists(h), ...collectionLists(h)].filter((r) => r.path.includes(`/${oldRestore.name}/`));
    expect(searchLists()).toHaveLength(2);

    // unfinished: read again; then finished, so once more, and no more until the recheck interval
    search.collectionRestoreJobs = [
      { ...job, ...counts, state: 'SUCCESSFUL', finishedMs: job.createdMs + 60_000 },
    ];
    for (const expected of [4, 4]) {
      clock.advance(6 * MINUTE);
      await h.scrape();
      expect(searchLists()).toHaveLength(expected);
    }
    const { body } = await h.scrape();
    const l = clusterLabels(oldRestore);
    expect(sample(body, 'mongodbatlas_backup_collection_restore_jobs', { ...l, state: 'successful' })).toBe(
      1,
    );
    expect(sample(body, 'mongodbatlas_backup_last_restore_duration_seconds', l)).toBe(60);
  });

  it('with read-only credentials: restore_collect_success 0 for dedicated, snapshots and Flex restore jobs go on, one warning', async () => {
    const clock = movableClock();
    const h = await start({
      now: clock.now,
      sim: { missingRoles: [PROJECT_BACKUP_MANAGER] },
      args: RESTORES,
    });
    const { body } = await h.scrape();
    const { roles } = h.sim;
    const dedicatedProjects = new Set(
      h.sim.world.projects
        .filter((p) => p.readable && p.dedicated.some((c) => c.backupEnabled))
        .map((p) => p.id),
    );
    // one refused request per project, not one per cluster; the collection-level list, which
    // needs the same role, is not asked at all
    const refused = () => h.sim.requests.filter((r) => r.endpoint === 'restore_jobs');
    expect(refused()).toHaveLength(dedicatedProjects.size);
    expect(refused().every((r) => r.status === 401)).toBe(true);
    expect(collectionLists(h)).toEqual([]);

    const orders = clusterLabels(roles.healthyDedicated);
    expect(sample(body, 'mongodbatlas_backup_restore_collect_success', orders)).toBe(0);
    expect(sample(body, 'mongodbatlas_backup_restore_jobs', orders)).toBeUndefined();
    expect(sample(body, 'mongodbatlas_backup_collection_restore_jobs', orders)).toBeUndefined();
    expect(sample(body, 'mongodbatlas_backup_collect_success', orders)).toBe(1);
    expect(
      sample(body, 'mongodbatlas_backup_last_completed_snapshot_timestamp_seconds', orders),
    ).toBeGreaterThan(0);
    expect(sample(body, 'mongodbatlas_exporter_up')).toBe(1);
    expect(sample(body, 'mongodbatlas_exporter_refreshes_total', { result: 'failure' })).toBe(0);
    const flex = clusterLabels(roles.failedRestore.flex);
    expect(sample(body, 'mongodbatlas_backup_restore_collect_success', flex)).toBe(1);
    expect(sample(body, 'mongodbatlas_backup_last_failed_restore_timestamp_seconds', flex)).toBeGreaterThan(
      0,
    );
    // the landing page names the missing role where it would otherwise claim no restore
    const row = (await h.get('/')).body
      .split('\n')
      .find((l) => l.includes(`data-cluster="${roles.healthyDedicated.name}" data-kind="dedicated"`));
    expect(row).toContain('restore jobs not read<br><small>needs the Project Backup Manager role</small>');

    // refreshes within the recheck interval do not ask again, nor warn again
    for (let i = 0; i < 3; i++) {
      clock.advance(6 * MINUTE);
      await h.scrape();
    }
    expect(refused()).toHaveLength(dedicatedProjects.size);
    // the one warning besides the unreadable project's
    const warnings = h.logs.filter(
      (l) => l.level === 'warn' && l.group_id !== roles.unreadableProject.groupId,
    );
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0]?.msg)).toContain('Project Backup Manager');

    // granted the role: asked again after the recheck interval, then read, and the warning clears
    h.sim.setMissingRoles([]);
    clock.advance(HOUR);
    const later = await h.scrape();
    expect(sample(later.body, 'mongodbatlas_backup_restore_collect_success', orders)).toBe(1);
    expect(sample(later.body, 'mongodbatlas_backup_restore_jobs', { ...orders, status: 'completed' })).toBe(
      1,
    );
    expect(
      sample(later.body, 'mongodbatlas_backup_collection_restore_jobs', { ...orders, state: 'successful' }),
    ).toBe(1);
    expect(
      h.logs.some((l) => l.level === 'info' && l.msg === 'recovered' && l.scope === 'restore-jobs-refused'),
    ).toBe(true);
  });

  it('keeps the last good values, marked, when a restore list fails', async () => {
    const clock = movableClock();
    const h = await start({ now: clock.now, args: [...RESTORES, '--atlas.snapshot-recheck-interval=0s'] });
    await h.scrape();
    const checkout = h.sim.roles.failedRestore.dedicated;
    h.sim.injectFault({
      match: (r) => r.endpoint === 'restore_jobs' && r.path.includes(`/clusters/${checkout.name}/`),
      kind: 'malformed-json',
    });
    clock.advance(6 * MINUTE);
    const { body } = await h.scrape();
    const l = clusterLabels(checkout);
    expect(sample(body, 'mongodbatlas_backup_restore_collect_success', l)).toBe(0);
    expect(sample(body, 'mongodbatlas_backup_last_failed_restore_timestamp_seconds', l)).toBeGreaterThan(0);
    expect(sample(body, 'mongodbatlas_backup_collect_success', l)).toBe(1);
    expect(h.logs.filter((x) => x.msg === 'cannot read restore jobs').map((x) => x.cluster_name)).toEqual([
      checkout.name,
    ]);
  });

  it('keeps the last good values of both levels when the collection-level list fails', async () => {
    const clock = movableClock();
    const h = await start({ now: clock.now, args: [...RESTORES, '--atlas.snapshot-recheck-interval=0s'] });
    await h.scrape();
    const checkout = h.sim.roles.failedRestore.dedicated;
    h.sim.injectFault({
      match: (r) =>
        r.endpoint === 'collection_restore_jobs' && r.path.includes(`/clusters/${checkout.name}/`),
      kind: 'malformed-json',
    });
    clock.advance(6 * MINUTE);
    const { body } = await h.scrape();
    const l = clusterLabels(checkout);
    expect(sample(body, 'mongodbatlas_backup_restore_collect_success', l)).toBe(0);
    expect(sample(body, 'mongodbatlas_backup_last_failed_restore_timestamp_seconds', l)).toBeGreaterThan(0);
    expect(sample(body, 'mongodbatlas_backup_collection_restore_jobs', { ...l, state: 'failed' })).toBe(1);
    expect(h.logs.filter((x) => x.msg === 'cannot read restore jobs').map((x) => x.cluster_name)).toEqual([
      checkout.name,
    ]);
  });
});
