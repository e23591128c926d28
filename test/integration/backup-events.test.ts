import { describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../simulator/index.js';
import { clusterLabels, type Harness, harnessPerTest, sample } from './harness.js';

const start = harnessPerTest();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const CLUSTER = 'mongodbatlas_backup_last_event_timestamp_seconds';
const PROJECT = 'mongodbatlas_backup_project_last_event_timestamp_seconds';

const eventReads = (h: Harness) => h.sim.requests.filter((r) => r.endpoint === 'project_events');
const seconds = (ms: number) => Math.floor(ms / 1000);

/** The exporter and the simulator on one clock the test moves, scraped every 5 minutes (cache-ttl). */
async function startOnClock(args: string[] = [], simulator?: Simulator, startMs = Date.now()) {
  let nowMs = startMs;
  const now = () => nowMs;
  const h = await start({ now, args, ...(simulator ? { simulator } : { sim: { now } }) });
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

describe('backup events (project events)', () => {
  it('show the newest of each type per cluster it names, and per project with who acted', async () => {
    const h = await start();
    const { body } = await h.scrape();
    const { copyFailing, oplogBehind, snapshotDeletedByKey, healthyDedicated } = h.sim.roles;
    const copy = (type: string) => sample(body, CLUSTER, { ...clusterLabels(copyFailing), event_type: type });
    expect(copy('CPS_COPY_SNAPSHOT_FAILED')).toBeGreaterThan(copy('CPS_COPY_SNAPSHOT_SUCCESSFUL') ?? 0);
    const oplog = (type: string) =>
      sample(body, CLUSTER, { ...clusterLabels(oplogBehind), event_type: type });
    expect(oplog('CPS_OPLOG_BEHIND')).toBeGreaterThan(oplog('CPS_OPLOG_CAUGHT_UP') ?? 0);
    const healthy = clusterLabels(healthyDedicated);
    expect(sample(body, CLUSTER, { ...healthy, event_type: 'CPS_COPY_SNAPSHOT_SUCCESSFUL' })).toBeDefined();
    expect(sample(body, CLUSTER, { ...healthy, event_type: 'CPS_COPY_SNAPSHOT_FAILED' })).toBeUndefined();

    const deleted = { group_id: snapshotDeletedByKey.groupId, event_type: 'CPS_SNAPSHOT_DELETED_AUDIT' };
    expect(sample(body, PROJECT, { ...deleted, actor: 'api_key' })).toBeDefined();
    expect(sample(body, PROJECT, { ...deleted, actor: 'user' })).toBeUndefined();
    const retention = { event_type: 'CPS_SNAPSHOT_RETENTION_MODIFIED_AUDIT', actor: 'user' };
    expect(sample(body, PROJECT, { group_id: snapshotDeletedByKey.groupId, ...retention })).toBeDefined();
    const flexRetention = { event_type: 'TENANT_SNAPSHOT_DELETED_AUDIT', actor: 'atlas' };
    expect(sample(body, PROJECT, { group_id: oplogBehind.groupId, ...flexRetention })).toBeDefined();
    // who acted is a kind, never the key, the user name or the address
    for (const secret of ['dba@example.com', '198.51.100.23', '203.0.113.5', 'apiKeyId', 'publicKey'])
      expect(body).not.toContain(secret);
  });

  it('are read back --atlas.events-lookback at start, and only what is new afterwards', async () => {
    const { h, now, step } = await startOnClock(['--atlas.events-lookback=1h']);
    const { copyFailing, oplogBehind } = h.sim.roles;
    const first = eventReads(h).filter((r) => r.status === 200);
    expect(first.length).toBeGreaterThan(0);
    for (const r of first) expect(Date.parse(r.query.minDate ?? '')).toBe(now() - HOUR - MINUTE);
    let body = (await h.scrape()).body;
    // the oplog fell behind 45 min ago, within the hour; the copy failed 2 h ago, before it
    const oplog = { ...clusterLabels(oplogBehind), event_type: 'CPS_OPLOG_BEHIND' };
    expect(sample(body, CLUSTER, oplog)).toBeDefined();
    const copy = { ...clusterLabels(copyFailing), event_type: 'CPS_COPY_SNAPSHOT_FAILED' };
    expect(sample(body, CLUSTER, copy)).toBeUndefined();

    await step();
    h.sim.resetRequests();
    const readMs = now();
    const atMs = readMs + MINUTE;
    h.sim.logEvent(copyFailing.groupId, 'CPS_COPY_SNAPSHOT_FAILED', { clusterName: copyFailing.name, atMs });
    body = await step();
    expect(sample(body, CLUSTER, copy)).toBe(seconds(atMs));
    expect(sample(body, CLUSTER, oplog)).toBeDefined();
    const since = eventReads(h).map((r) => Date.parse(r.query.minDate ?? ''));
    expect(since.every((ms) => ms >= readMs - 5 * MINUTE - MINUTE)).toBe(true);
  });

  it('survive a restart: the new exporter reads them back', async () => {
    const sim = await startSimulator({});
    try {
      const first = await start({ simulator: sim });
      await first.scrape();
      const target = sim.roles.copyFailing;
      const atMs = Date.now() - 2 * DAY;
      sim.logEvent(target.groupId, 'CPS_EXPORT_FAILED', { clusterName: target.name, atMs });
      await first.close();
      const second = await start({ simulator: sim });
      const labels = { ...clusterLabels(target), event_type: 'CPS_EXPORT_FAILED' };
      expect(sample((await second.scrape()).body, CLUSTER, labels)).toBe(seconds(atMs));
    } finally {
      await sim.close();
    }
  });

  it('are read page after page at start', async () => {
    const sim = await startSimulator({});
    try {
      const { groupId, name } = sim.roles.oplogBehind;
      // more events than a page holds (500): the oldest are on the second page
      const oldMs = Date.now() - 3 * HOUR;
      sim.logEvent(groupId, 'CPS_RESTORE_FAILED', { clusterName: name, atMs: oldMs });
      for (let i = 0; i < 600; i++)
        sim.logEvent(groupId, 'CPS_SNAPSHOT_SUCCESSFUL', { clusterName: name, atMs: oldMs + (i + 1) * 1000 });
      const h = await start({ simulator: sim });
      const { body } = await h.scrape();
      const pages = eventReads(h).filter((r) => r.path.includes(groupId));
      expect(pages.map((r) => r.query.pageNum)).toEqual(['1', '2']);
      const labels = clusterLabels(sim.roles.oplogBehind);
      expect(sample(body, CLUSTER, { ...labels, event_type: 'CPS_RESTORE_FAILED' })).toBe(seconds(oldMs));
      const newest = seconds(oldMs + 600_000);
      expect(sample(body, CLUSTER, { ...labels, event_type: 'CPS_SNAPSHOT_SUCCESSFUL' })).toBe(newest);
    } finally {
      await sim.close();
    }
  });

  it('keep their last times while a page fails, logged once, and catch up after', async () => {
    const { h, now, step } = await startOnClock(['--atlas.max-retries=0']);
    const target = h.sim.roles.copyFailing;
    const labels = { ...clusterLabels(target), event_type: 'CPS_COPY_SNAPSHOT_FAILED' };
    const before = sample(await step(), CLUSTER, labels);
    expect(before).toBeDefined();
    const atMs = now() + MINUTE;
    h.sim.logEvent(target.groupId, 'CPS_COPY_SNAPSHOT_FAILED', { clusterName: target.name, atMs });
    h.sim.injectFault({ match: 'project_events', kind: 'status', status: 500, times: 1000 });
    let body = await step();
    expect(sample(body, CLUSTER, labels)).toBe(before);
    body = await step();
    expect(sample(body, CLUSTER, labels)).toBe(before);
    const failed = { endpoint: 'project_events', code: '500' };
    expect(sample(body, 'mongodbatlas_exporter_api_requests_total', failed)).toBeGreaterThan(0);
    const warned = h.logs.filter(
      (l) => l.level === 'warn' && l.group_id === target.groupId && String(l.msg).includes('project events'),
    );
    expect(warned).toHaveLength(1);
    h.sim.clearFaults();
    expect(sample(await step(), CLUSTER, labels)).toBe(seconds(atMs));
  });

  it('add no request of their own: one events read per listed project and refresh, as the change feed makes', async () => {
    const { h, step } = await startOnClock();
    await step();
    h.sim.resetRequests();
    const refreshes = 13;
    for (let i = 0; i < refreshes; i++) await step();
    const listed = [...h.exporter.collector.state().projects.values()].filter((p) =>
      [...p.listed.values()].some(Boolean),
    );
    // At most one a refresh per readable project (none on a project's hourly list recheck, when
    // the change feed does not read), none for the project whose lists are refused.
    const reads = eventReads(h);
    expect(reads.length).toBeLessThanOrEqual(refreshes * listed.length);
    expect(reads.length).toBeGreaterThanOrEqual((refreshes - 1) * listed.length);
    expect(reads.every((r) => listed.some((p) => r.path.includes(p.group.id)))).toBe(true);
  });

  it('with no change feed (one kind), are read again only after the recheck interval', async () => {
    const { h, step } = await startOnClock(['--atlas.cluster-kinds=flex']);
    const atStart = eventReads(h).length;
    expect(atStart).toBeGreaterThan(0);
    h.sim.resetRequests();
    for (let i = 0; i < 11; i++) await step();
    expect(eventReads(h)).toHaveLength(0);
    await step();
    expect(eventReads(h).length).toBeGreaterThan(0);
  });
});
