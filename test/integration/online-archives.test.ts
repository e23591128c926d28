import { describe, expect, it } from 'vitest';
import { PROJECT_READ_ONLY } from '../../simulator/resources/online-archives.js';
import { clusterLabels, harnessPerTest, movableClock, sample } from './harness.js';

const start = harnessPerTest();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const ARCHIVES = ['--collector.online-archives'];

type H = Awaited<ReturnType<typeof start>>;
const archiveLists = (h: H) => h.sim.requests.filter((r) => r.endpoint === 'online_archives');
/** The dedicated clusters the exporter lists: free (tenant) ones are skipped. */
const dedicated = (h: H) =>
  h.sim.world.projects.filter((p) => p.readable).flatMap((p) => p.dedicated.filter((c) => !c.tenant));
const warnings = (h: H) =>
  h.logs.filter((l) => l.level === 'warn' && l.group_id !== h.sim.roles.unreadableProject.groupId);

describe('Online Archives through the exporter (--collector.online-archives)', () => {
  it('are off by default: no archive list asked, no series', async () => {
    const h = await start();
    const { body } = await h.scrape();
    expect(archiveLists(h)).toEqual([]);
    expect(body).not.toContain('mongodbatlas_backup_online_archive');
  });

  it('shows each dedicated cluster’s archives by state, the deleted ones too, and notes those outside backups', async () => {
    const h = await start({ args: ARCHIVES });
    const { body } = await h.scrape();
    const { archives, healthyFlex, shardedDedicated } = h.sim.roles;
    const value = (name: string, ref: typeof healthyFlex, state?: string) =>
      sample(body, `mongodbatlas_backup_${name}`, { ...clusterLabels(ref), ...(state ? { state } : {}) });

    expect(value('online_archives', archives.active, 'active')).toBe(1);
    expect(value('online_archives', archives.active, 'deleted')).toBe(1);
    expect(value('online_archives', archives.paused, 'paused')).toBe(1);
    expect(value('online_archives', archives.orphaned, 'orphaned')).toBe(1);
    expect(value('online_archives', archives.deletedOnly, 'deleted')).toBe(1);
    // only the states that exist; a cluster without archives has its success series alone
    expect(body).not.toMatch(/mongodbatlas_backup_online_archives\{[^}]*state="(pending|pausing)"/);
    expect(value('online_archives', shardedDedicated)).toBeUndefined();
    expect(value('online_archive_collect_success', shardedDedicated)).toBe(1);
    // one list per dedicated cluster, backup on or off, paused or not; Flex has none
    expect(archiveLists(h)).toHaveLength(dedicated(h).length);
    expect(archiveLists(h).every((r) => r.status === 200)).toBe(true);
    expect(value('online_archive_collect_success', healthyFlex)).toBeUndefined();

    const page = (await h.get('/')).body;
    const notes = (name: string) =>
      page.match(new RegExp(`data-cluster="${name}"[^\\n]*?<td>(<ul class="notes">.*?</ul>)</td>`))?.[1] ??
      '';
    for (const ref of [archives.active, archives.paused, archives.orphaned])
      expect(notes(ref.name), ref.name).toContain('online archive outside backups');
    expect(notes(archives.deletedOnly.name)).not.toContain('online archive');
  });

  it('reads the lists at most once per recheck interval', async () => {
    const clock = movableClock();
    const h = await start({ now: clock.now, args: ARCHIVES });
    await h.scrape();
    const cold = archiveLists(h).length;
    h.sim.resetRequests();
    clock.advance(6 * MINUTE);
    await h.scrape();
    expect(archiveLists(h)).toEqual([]);
    clock.advance(HOUR);
    await h.scrape();
    expect(archiveLists(h)).toHaveLength(cold);
  });

  it('refused (403): online_archive_collect_success 0, one warning naming the role, snapshots still read', async () => {
    const clock = movableClock();
    const h = await start({
      now: clock.now,
      sim: { missingRoles: [PROJECT_READ_ONLY], unauthorizedStatus: 403 },
      args: ARCHIVES,
    });
    const { body } = await h.scrape();
    const projects = new Set(dedicated(h).map((c) => c.groupId));
    // one refused request per project, not one per cluster
    expect(archiveLists(h)).toHaveLength(projects.size);
    expect(archiveLists(h).every((r) => r.status === 403)).toBe(true);
    const active = clusterLabels(h.sim.roles.archives.active);
    expect(sample(body, 'mongodbatlas_backup_online_archive_collect_success', active)).toBe(0);
    expect(sample(body, 'mongodbatlas_backup_online_archives', active)).toBeUndefined();
    expect(sample(body, 'mongodbatlas_backup_collect_success', active)).toBe(1);
    clock.advance(6 * MINUTE);
    await h.scrape();
    expect(archiveLists(h)).toHaveLength(projects.size);
    expect(warnings(h)).toHaveLength(1);
    expect(String(warnings(h)[0]?.msg)).toContain('the credentials lack the Project Read Only role');
    expect(String(warnings(h)[0]?.msg)).toContain('online_archive_collect_success is 0');
  });

  it('a cluster Atlas no longer knows (404): its success 0 and one warning, the others read', async () => {
    const h = await start({ args: ARCHIVES });
    const { active, paused } = h.sim.roles.archives;
    h.sim.injectFault({
      match: (r) => r.endpoint === 'online_archives' && r.path.includes(`/${active.name}/`),
      kind: 'status',
      status: 404,
      errorCode: 'CLUSTER_NOT_FOUND',
    });
    const { body } = await h.scrape();
    expect(sample(body, 'mongodbatlas_backup_online_archive_collect_success', clusterLabels(active))).toBe(0);
    expect(sample(body, 'mongodbatlas_backup_online_archive_collect_success', clusterLabels(paused))).toBe(1);
    expect(sample(body, 'mongodbatlas_backup_collect_success', clusterLabels(active))).toBe(1);
    expect(warnings(h).map((l) => l.msg)).toEqual(['cannot read online archives']);
  });

  it('null fields and unknown states: counted, never NaN; an answer without results: success 0', async () => {
    const h = await start({ args: ARCHIVES });
    const { active, paused } = h.sim.roles.archives;
    const page = (results: unknown) => ({ results, totalCount: Array.isArray(results) ? results.length : 0 });
    h.sim.injectFault({
      match: (r) => r.endpoint === 'online_archives' && r.path.includes(`/${active.name}/`),
      kind: 'rewrite',
      rewrite: () => page([{ state: null }, { state: 'IDLE' }, { state: 'ARCHIVING' }, null, {}]),
    });
    h.sim.injectFault({
      match: (r) => r.endpoint === 'online_archives' && r.path.includes(`/${paused.name}/`),
      kind: 'rewrite',
      rewrite: () => ({ results: null }),
    });
    const { body } = await h.scrape();
    const value = (ref: typeof active, state: string) =>
      sample(body, 'mongodbatlas_backup_online_archives', { ...clusterLabels(ref), state });
    expect(value(active, 'unknown')).toBe(2);
    expect(value(active, 'idle')).toBe(1);
    expect(value(active, 'archiving')).toBe(1);
    expect(body).not.toMatch(/^mongodbatlas_backup_online_archive.* NaN$/m);
    expect(sample(body, 'mongodbatlas_backup_online_archive_collect_success', clusterLabels(paused))).toBe(0);
    expect(warnings(h).map((l) => l.msg)).toEqual(['cannot read online archives']);
  });
});
