import { describe, expect, it } from 'vitest';
import { buildScenario } from '../index.js';
import { FIXED_NOW } from '../test-helpers.js';
import type { SimDedicatedCluster, SimWorld } from './model.js';
import { applySize } from './size.js';

const HOUR = 3_600_000;

function find(world: SimWorld, ref: { groupId: string; name: string }): SimDedicatedCluster {
  const c = world.projects.find((p) => p.id === ref.groupId)?.dedicated.find((d) => d.name === ref.name);
  if (!c) throw new Error(`no dedicated cluster ${ref.name}`);
  return c;
}

const newestCompleted = (c: SimDedicatedCluster) =>
  Math.max(...c.snapshots.filter((s) => s.status === 'completed').map((s) => s.createdMs ?? 0));

describe('simulator scenario, dedicated clusters', () => {
  const { world, roles } = buildScenario(1, FIXED_NOW);

  it('has one dedicated cluster of every shape, mostly in the existing projects', () => {
    const healthy = find(world, roles.healthyDedicated);
    expect(healthy.policyItems.map((i) => [i.frequencyType, i.frequencyInterval])).toEqual([
      ['hourly', 6],
      ['daily', 1],
      ['weekly', 6],
      ['monthly', 40],
      ['yearly', 12],
    ]);
    expect(FIXED_NOW - newestCompleted(healthy)).toBeLessThan(6 * HOUR);
    expect(healthy.nextSnapshotMs).toBeGreaterThan(FIXED_NOW);
    expect(healthy.snapshots.some((s) => s.frequencyType === 'ondemand')).toBe(true);

    expect(find(world, roles.shardedDedicated)).toMatchObject({ clusterType: 'SHARDED', shards: 2 });
    expect(find(world, roles.pausedDedicated)).toMatchObject({ paused: true, backupEnabled: true });
    expect(find(world, roles.backupDisabledDedicated)).toMatchObject({ backupEnabled: false, snapshots: [] });
    const pit = find(world, roles.pitDedicated);
    expect(pit.pitEnabled).toBe(true);
    expect(pit.snapshots[0]).toMatchObject({ status: 'inProgress', storageSizeBytes: 0 });
    expect(pit.snapshots[0]?.createdMs).toBeUndefined();
    expect(roles.pitDedicated.groupId).toBe(roles.specialNameProject.groupId);

    const overdue = find(world, roles.overdueDedicated);
    expect(FIXED_NOW - newestCompleted(overdue)).toBeGreaterThan(2 * 4 * HOUR);
    expect(overdue.nextSnapshotMs).toBeLessThan(FIXED_NOW);
    expect(find(world, roles.failedDedicated).snapshots[0]?.status).toBe('failed');
    expect(find(world, roles.freeCluster)).toMatchObject({
      tenant: true,
      instanceSize: 'M0',
      backupEnabled: false,
    });

    const never = world.projects.find((p) => p.id === roles.neverBackedUpFlex.groupId)?.flex;
    const flex = never?.find((c) => c.name === roles.neverBackedUpFlex.name);
    expect(flex?.snapshots).toEqual([]);
    expect(FIXED_NOW - (flex?.createMs ?? 0)).toBe(72 * HOUR);
  });

  it('adds healthy dedicated clusters up to the `dedicated` size, and none when unset', () => {
    const backedUp = (w: SimWorld) => w.projects.flatMap((p) => p.dedicated.filter((c) => c.backupEnabled));
    const plain = buildScenario(1, FIXED_NOW).world;
    applySize(plain, {}, 1, FIXED_NOW);
    expect(plain).toEqual(world);

    const grown = buildScenario(1, FIXED_NOW).world;
    applySize(grown, { dedicated: 100, snapshots: 3 }, 1, FIXED_NOW);
    const all = backedUp(grown);
    expect(all).toHaveLength(100);
    const added = all.filter((c) => /-db-\d+$/.test(c.name));
    expect(added).toHaveLength(100 - backedUp(world).length);
    expect(added.every((c) => c.snapshots.length === 3 && (c.nextSnapshotMs ?? 0) > FIXED_NOW)).toBe(true);
    expect(added.filter((c) => c.clusterType === 'SHARDED').length).toBeGreaterThan(10);
    const names = grown.projects.flatMap((p) => p.dedicated.map((c) => `${p.id}/${c.name}`));
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('simulator scenario, restore jobs and copies', () => {
  const { world, roles } = buildScenario(1, FIXED_NOW);
  const DAY = 24 * HOUR;

  it('copies snapshots by policy item: the newest of one cluster is copied, of another not', () => {
    const newest = (c: SimDedicatedCluster) => c.snapshots.find((s) => s.status === 'completed');
    const copied = find(world, roles.copiedSnapshot);
    expect(copied.copySettings).toHaveLength(1);
    expect(newest(copied)?.copyRegions).toEqual([copied.copySettings[0]?.regionName]);
    const uncopied = find(world, roles.uncopiedSnapshot);
    expect(uncopied.copySettings).toHaveLength(1);
    expect(newest(uncopied)?.copyRegions).toEqual([]);
  });

  it('has a failed restore newer than the last completed one, and a drill 200 days old', () => {
    const failed = find(world, roles.failedRestore.dedicated).restoreJobs;
    const finished = (f: (j: (typeof failed)[number]) => boolean) =>
      Math.max(...failed.filter(f).map((j) => j.finishedMs ?? 0));
    expect(finished((j) => j.failed)).toBeGreaterThan(finished((j) => !j.failed && !j.cancelled));
    const old = find(world, roles.oldRestore).restoreJobs;
    expect(FIXED_NOW - Math.max(...old.map((j) => j.finishedMs ?? 0))).toBeGreaterThan(190 * DAY);
  });
});
