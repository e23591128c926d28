import { afterEach, describe, expect, it } from 'vitest';
import { buildScenario, type Simulator, startSimulator } from '../index.js';
import { type Answer, apiGet, FIXED_NOW, oauthToken, V2 } from '../test-helpers.js';

const HOUR = 3_600_000;
const V20240805 = 'application/vnd.atlas.2024-08-05+json';
const at = (iso: string) => Date.parse(iso);

describe('simulator scenario', () => {
  const sims: Simulator[] = [];
  afterEach(async () => {
    await Promise.all(sims.splice(0).map((s) => s.close()));
  });
  async function start(options: Parameters<typeof startSimulator>[0] = {}) {
    const sim = await startSimulator({ now: () => FIXED_NOW, ...options });
    sims.push(sim);
    return { sim, token: await oauthToken(sim) };
  }

  /** Every body the simulator serves for its readable data, in a fixed order, hrefs made host-free. */
  async function dump(sim: Simulator, token: string): Promise<string[]> {
    const out: string[] = [];
    const keep = (a: Answer) => out.push(`${a.status} ${a.text.replaceAll(sim.url, 'SIM')}`);
    keep(await apiGet(sim, token, `${V2}/groups`));
    for (const p of sim.world.projects) {
      keep(await apiGet(sim, token, `${V2}/groups/${p.id}/flexClusters`));
      keep(await apiGet(sim, token, `${V2}/groups/${p.id}/serverless`));
      for (const c of p.flex)
        keep(await apiGet(sim, token, `${V2}/groups/${p.id}/flexClusters/${c.name}/backup/snapshots`));
      for (const c of p.serverless)
        keep(await apiGet(sim, token, `${V2}/groups/${p.id}/serverless/${c.name}/backup/snapshots`));
      keep(await apiGet(sim, token, `${V2}/groups/${p.id}/clusters`, V20240805));
      for (const c of p.dedicated) {
        keep(await apiGet(sim, token, `${V2}/groups/${p.id}/clusters/${c.name}/backup/snapshots`));
        keep(await apiGet(sim, token, `${V2}/groups/${p.id}/clusters/${c.name}/backup/schedule`, V20240805));
      }
    }
    return out;
  }

  it('is identical for the same seed and clock, different for another seed', async () => {
    const a = await start({ seed: 7 });
    const b = await start({ seed: 7 });
    const c = await start({ seed: 8 });
    const first = await dump(a.sim, a.token);
    expect(await dump(b.sim, b.token)).toEqual(first);
    expect(await dump(c.sim, c.token)).not.toEqual(first);
    expect(a.sim.credentials).toEqual(b.sim.credentials);
    expect(buildScenario(7, FIXED_NOW)).toEqual(buildScenario(7, FIXED_NOW));
  });

  it('shows every problem an SRE must see, by role', async () => {
    const { sim, token } = await start();
    const { roles } = sim;
    const flexSnaps = async (r: { groupId: string; name: string }) =>
      (await apiGet(sim, token, `${V2}/groups/${r.groupId}/flexClusters/${r.name}/backup/snapshots`)).json
        .results;

    const healthy = await flexSnaps(roles.healthyFlex);
    expect(healthy).toHaveLength(8);
    expect(healthy.every((s: { status: string }) => s.status === 'COMPLETED')).toBe(true);
    expect(FIXED_NOW - at(healthy.at(-1).scheduledTime)).toBeLessThan(24 * HOUR);
    const first = healthy[0];
    expect(at(first.expiration) - at(first.scheduledTime)).toBe(8 * 24 * HOUR);

    const overdue = await flexSnaps(roles.overdueFlex);
    const overdueAge = FIXED_NOW - at(overdue.at(-1).scheduledTime);
    expect(overdueAge).toBeGreaterThanOrEqual(72 * HOUR);
    expect(overdueAge).toBeLessThan(75 * HOUR);

    const failed = await flexSnaps(roles.failedFlex);
    expect(failed.at(-1).status).toBe('FAILED');
    expect(failed.at(-2).status).toBe('COMPLETED');

    const stuck = (await flexSnaps(roles.stuckFlex)).at(-1);
    expect(stuck).toMatchObject({
      status: 'RUNNING',
      startTime: new Date(FIXED_NOW - 5 * HOUR).toISOString().replace('.000', ''),
    });
    expect(stuck).not.toHaveProperty('finishTime');
    expect((await flexSnaps(roles.queuedFlex)).at(-1).status).toBe('QUEUED');

    expect(await flexSnaps(roles.newFlex)).toEqual([]);
    const clusters = await apiGet(sim, token, `${V2}/groups/${roles.newFlex.groupId}/flexClusters`);
    const created = clusters.json.results.find(
      (c: { name: string }) => c.name === roles.newFlex.name,
    ).createDate;
    expect(FIXED_NOW - at(created)).toBeLessThan(24 * HOUR);

    for (const r of roles.healthyServerless) {
      const snaps = (
        await apiGet(sim, token, `${V2}/groups/${r.groupId}/serverless/${r.name}/backup/snapshots`)
      ).json.results;
      expect(snaps.length).toBeGreaterThan(4);
      expect(FIXED_NOW - at(snaps[0].createdAt)).toBeLessThan(6 * HOUR);
      const gap = at(snaps[0].createdAt) - at(snaps[1].createdAt);
      expect(Math.abs(gap - 6 * HOUR)).toBeLessThan(5 * 60_000);
      expect(snaps[0].storageSizeBytes).toBeGreaterThan(0);
    }

    const { flex, serverless } = roles.migrated;
    expect(flex.name).toBe(serverless.name);
    const sl = await apiGet(sim, token, `${V2}/groups/${serverless.groupId}/serverless`);
    expect(sl.json.results.map((s: { name: string }) => s.name)).toContain(serverless.name);
    expect(await flexSnaps(flex)).toHaveLength(8);

    const groups = (await apiGet(sim, token, `${V2}/groups`)).json.results.map(
      (g: { name: string }) => g.name,
    );
    expect(groups).toContain(roles.unreadableProject.groupName);
    for (const ch of "&'(),:@+") expect(roles.specialNameProject.groupName).toContain(ch);
    const denied = await apiGet(sim, token, `${V2}/groups/${roles.unreadableProject.groupId}/flexClusters`);
    expect(denied.json.errorCode).toBe('USER_UNAUTHORIZED');
  });

  it('can answer 403 for the unreadable project', async () => {
    const { sim, token } = await start({ unauthorizedStatus: 403 });
    const denied = await apiGet(sim, token, `${V2}/groups/${sim.roles.unreadableProject.groupId}/serverless`);
    expect(denied.status).toBe(403);
  });

  it('grows with the size knobs and keeps the default scenario', async () => {
    const small = buildScenario(1, FIXED_NOW);
    const { sim, token } = await start({ projects: 20, clusters: 6, snapshots: 3 });
    const readable = sim.world.projects.filter((p) => p.readable);
    expect(readable).toHaveLength(20);
    for (const p of readable)
      expect(p.flex.length + p.serverless.filter((s) => !s.migratedToFlex).length).toBeGreaterThanOrEqual(6);
    expect(sim.world.projects.slice(0, 4).map((p) => p.flex.slice(0, 1))).toEqual(
      small.world.projects.map((p) => p.flex.slice(0, 1)),
    );
    const added = readable[10];
    const c = added?.flex[0];
    if (!added || !c) throw new Error('no added cluster');
    expect(
      (await apiGet(sim, token, `${V2}/groups/${added.id}/flexClusters/${c.name}/backup/snapshots`)).json
        .totalCount,
    ).toBe(3);
    const all = await apiGet(sim, token, `${V2}/groups?itemsPerPage=500`);
    expect(all.json.totalCount).toBe(21);
  });

  it('mutates: remove a cluster, add a snapshot, set a status', async () => {
    const { sim, token } = await start();
    const { overdueFlex, healthyFlex, healthyServerless } = sim.roles;
    const list = (r: { groupId: string; name: string }) =>
      apiGet(sim, token, `${V2}/groups/${r.groupId}/flexClusters/${r.name}/backup/snapshots`);
    const id = sim.addSnapshot(overdueFlex, { status: 'RUNNING', atMs: FIXED_NOW - HOUR });
    expect((await list(overdueFlex)).json.results.at(-1)).toMatchObject({ id, status: 'RUNNING' });
    expect(sim.setSnapshotStatus(overdueFlex, id ?? '', 'COMPLETED')).toBe(true);
    expect((await list(overdueFlex)).json.results.at(-1)).toMatchObject({ id, status: 'COMPLETED' });
    const sl = healthyServerless[0];
    if (!sl) throw new Error('no serverless role');
    const slId = sim.addSnapshot(sl, { status: 'inProgress' });
    const slList = await apiGet(
      sim,
      token,
      `${V2}/groups/${sl.groupId}/serverless/${sl.name}/backup/snapshots`,
    );
    expect(slList.json.results[0]).toMatchObject({ id: slId, status: 'inProgress' });
    expect(sim.removeCluster(healthyFlex)).toBe(true);
    expect((await list(healthyFlex)).json.errorCode).toBe('CLUSTER_NOT_FOUND');
    expect(sim.removeCluster(healthyFlex)).toBe(false);
  });
});
