import { describe, expect, it } from 'vitest';
import { clusterLabels, type Harness, harnessPerTest, sample } from './harness.js';

const MINUTE = 60_000;

const start = harnessPerTest();

/** The exporter and the simulator on one clock the test moves, scraped every 5 minutes (cache-ttl). */
async function startDay() {
  let nowMs = Date.now();
  const now = () => nowMs;
  const h = await start({ now, sim: { now } });
  await h.scrape();
  return {
    h,
    now,
    async step(ms = 5 * MINUTE) {
      nowMs += ms;
      return (await h.scrape()).body;
    },
  };
}

const readsOf = (h: Harness, name: string) =>
  h.sim.requests.filter((r) => r.endpoint.endsWith('snapshots') && r.path.includes(`/${name}/`)).length;

describe('adaptive refresh (--atlas.snapshot-recheck-interval)', () => {
  it('reads a healthy dedicated cluster hourly, a healthy Flex one not, problem clusters every refresh', async () => {
    const { h, step } = await startDay();
    h.sim.resetRequests();
    for (let i = 0; i < 12; i++) await step();
    const { roles } = h.sim;
    // 12 refreshes in an hour: healthy dedicated once (the recheck), healthy Flex not at all (its
    // list changes only at its daily time), the unfinished ones every time.
    expect(readsOf(h, roles.healthyFlex.name)).toBe(0);
    expect(readsOf(h, roles.healthyDedicated.name)).toBe(1);
    expect(readsOf(h, roles.stuckFlex.name)).toBe(12);
    expect(readsOf(h, roles.newFlex.name)).toBe(12);
    expect(h.sim.requests.filter((r) => r.endpoint === 'groups')).toHaveLength(12);
  });

  it.each(['COMPLETED', 'FAILED'])(
    'shows a new %s snapshot within one cache-ttl of when Atlas lists it',
    async (status) => {
      const { h, now, step } = await startDay();
      const target = h.sim.roles.healthyFlex;
      const labels = clusterLabels(target);
      const metric =
        status === 'COMPLETED'
          ? 'mongodbatlas_backup_last_completed_snapshot_timestamp_seconds'
          : 'mongodbatlas_backup_last_failed_snapshot_timestamp_seconds';
      const before =
        sample(
          (await h.scrape()).body,
          'mongodbatlas_backup_last_completed_snapshot_timestamp_seconds',
          labels,
        ) ?? 0;
      const nextDueMs = (before + 86_400) * 1000;

      h.sim.resetRequests();
      while (now() < nextDueMs - 30 * MINUTE) await step();
      const readsWhileHealthy = readsOf(h, target.name);
      while (now() < nextDueMs) await step();
      const listedAt = now();
      h.sim.addSnapshot(target, { atMs: listedAt, status });
      let body = await step(1000);
      const seenBefore = status === 'COMPLETED' ? before : 0;
      while ((sample(body, metric, labels) ?? 0) <= seenBefore) {
        expect(now() - listedAt).toBeLessThanOrEqual(5 * MINUTE + 1000);
        body = await step();
      }
      expect(sample(body, metric, labels)).toBeGreaterThanOrEqual(listedAt / 1000 - 1);
      // A Flex list changes only with its daily snapshot: the day until then costs no read.
      expect(readsWhileHealthy).toBe(0);
    },
  );
});

describe('on-demand dedicated snapshots (project events)', () => {
  const completed = 'mongodbatlas_backup_last_completed_snapshot_timestamp_seconds';

  it('are seen on the next refresh: the project’s backup events re-read its dedicated lists', async () => {
    const { h, now, step } = await startDay();
    const target = h.sim.roles.healthyDedicated;
    await step();
    h.sim.resetRequests();
    await step();
    // One events read per project with dedicated backups, and no snapshot read of a quiet cluster.
    const eventReads = h.sim.requests.filter((r) => r.endpoint === 'project_events');
    expect(eventReads.length).toBeGreaterThan(0);
    expect(new Set(eventReads.map((r) => r.path)).size).toBe(eventReads.length);
    expect(readsOf(h, target.name)).toBe(0);
    const atMs = now();
    h.sim.addSnapshot({ ...target, kind: 'dedicated' }, { atMs, status: 'completed', onDemand: true });
    const body = await step();
    expect(sample(body, completed, clusterLabels(target))).toBe(Math.floor(atMs / 1000));
  });

  it('fall back to the recheck interval when the events cannot be read, without failing the refresh', async () => {
    const { h, step } = await startDay();
    await step();
    const resultBefore = h.exporter.collector.state().lastResult;
    h.sim.injectFault({ match: 'project_events', kind: 'status', status: 500, times: 50 });
    const body = await step();
    expect(sample(body, 'mongodbatlas_exporter_up', {})).toBe(1);
    expect(h.sim.requests.some((r) => r.endpoint === 'project_events' && r.status === 500)).toBe(true);
    const warned = () =>
      h.logs.filter((l) => String(l.msg).includes('cannot read project events') && l.level === 'warn');
    expect(warned().length).toBeGreaterThan(0);
    // The scenario's unreadable project makes every refresh partial; the events add no failure.
    expect(h.exporter.collector.state().lastResult).toBe(resultBefore);
    await step();
    await step();
    // One warning per project whose events were asked for, not one per refresh.
    expect(warned()).toHaveLength(new Set(warned().map((l) => l.group_id)).size);
  });
});

describe('cluster lists (project events)', () => {
  const listReads = (h: Harness, endpoint: string) =>
    h.sim.requests.filter((r) => r.endpoint === endpoint && r.status === 200).length;

  it('are read once an hour while the events tell of no change, at points spread over the hour', async () => {
    const { h, step } = await startDay();
    const reads = new Map<string, number[]>();
    for (let i = 0; i < 24; i++) {
      h.sim.resetRequests();
      await step();
      for (const r of h.sim.requests.filter((x) => x.endpoint.endsWith('clusters') && x.status === 200)) {
        reads.set(r.path, [...(reads.get(r.path) ?? []), i]);
      }
    }
    const readable = h.exporter.collector.state().projects.size - 1;
    // Flex and dedicated lists of each readable project, each read once in each hour, the two of
    // a project on the same refresh, the projects' on refreshes spread over the hour.
    expect(reads.size).toBe(2 * readable);
    for (const steps of reads.values())
      expect([steps.length, (steps[1] ?? 0) - (steps[0] ?? 0)]).toEqual([2, 12]);
    const firsts = new Map<string, Set<number>>();
    for (const [path, steps] of reads) {
      const project = path.split('/')[5] ?? '';
      firsts.set(project, (firsts.get(project) ?? new Set()).add(steps[0] ?? -1));
    }
    expect([...firsts.values()].every((s) => s.size === 1)).toBe(true);
  });

  it('show a cluster paused on the next refresh: Atlas logs the update', async () => {
    const { h, step } = await startDay();
    await step();
    const target = h.sim.roles.healthyDedicated;
    const labels = clusterLabels(target);
    const info = (body: string, paused: string) =>
      sample(body, 'mongodbatlas_backup_cluster_info', { ...labels, paused });
    expect(info(await step(), 'false')).toBe(1);
    h.sim.resetRequests();
    expect(h.sim.pauseCluster(target, true)).toBe(true);
    const body = await step();
    expect(info(body, 'true')).toBe(1);
    // Its project's list is read again on the event, not at its hourly recheck.
    const listed = h.sim.requests.filter((r) => r.endpoint === 'clusters' && r.status === 200);
    expect(listed.map((r) => r.path)).toContain(`/api/atlas/v2/groups/${target.groupId}/clusters`);
  });

  it('drop a deleted cluster on the next refresh: Atlas logs the deletion', async () => {
    const { h, step } = await startDay();
    await step();
    const target = { ...h.sim.roles.healthyDedicated, kind: 'dedicated' as const };
    expect(await step()).toContain(`cluster_name="${target.name}"`);
    expect(h.sim.removeCluster(target)).toBe(true);
    expect(await step()).not.toContain(`cluster_name="${target.name}"`);
  });

  it('are read every refresh while the events cannot be read', async () => {
    const { h, step } = await startDay();
    await step();
    h.sim.injectFault({ match: 'project_events', kind: 'status', status: 503, times: 50 });
    h.sim.resetRequests();
    await step();
    await step();
    const readable = h.exporter.collector.state().projects.size - 1;
    expect(listReads(h, 'flex_clusters')).toBe(2 * readable);
  });
});
