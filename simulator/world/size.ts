import { scheduledSnapshots } from '../resources/cluster-snapshots.js';
import { dailyFlexSnapshots } from '../resources/flex-snapshots.js';
import { addSizedOnlineArchives } from '../resources/online-archives.js';
import { completedServerlessSnapshots } from '../resources/serverless-snapshots.js';
import { DAY_MS, flexCluster, HOUR_MS, seconds, serverlessInstance } from './generate.js';
import { dedicatedCluster } from './generate-dedicated.js';
import type { SimDedicatedCluster, SimProject, SimWorld } from './model.js';
import { int, mulberry32, objectId, pick, type Rng } from './prng.js';

/** Size knobs for benchmarks; anything beyond the default scenario is healthy. */
export interface SizeOptions {
  /** readable projects in total (default scenario: 3) */
  projects?: number;
  /** clusters per readable project at least */
  clusters?: number;
  /** snapshots per added cluster (default: Flex 8, serverless 12, dedicated 12) */
  snapshots?: number;
  /** dedicated clusters with backup, in total at least, spread over the readable projects */
  dedicated?: number;
  /**
   * serverless instances, in total at least, spread over the readable projects. When given, the
   * clusters added for `clusters` are all Flex (otherwise every fifth one is serverless).
   */
  serverless?: number;
}

const TEAMS = ['checkout', 'identity', 'search', 'mobile', 'data', 'growth', 'ledger', 'media'] as const;
const ENVS = ['prod', 'staging', 'dev', 'qa'] as const;
const APPS = ['orders', 'users', 'carts', 'audit', 'metrics', 'notify', 'profiles', 'shipping'] as const;

function clusterCount(p: SimProject): number {
  return p.flex.length + p.serverless.filter((s) => !s.migratedToFlex).length;
}

function addHealthyCluster(
  rng: Rng,
  p: SimProject,
  index: number,
  nowMs: number,
  snapshots: number | undefined,
  flexOnly: boolean,
) {
  const name = `${pick(rng, APPS)}-${index}`;
  const createMs = nowMs - int(rng, 30, 600) * DAY_MS;
  // Every fifth added cluster is a serverless instance, so both APIs get load.
  if (index % 5 === 4 && !flexOnly) {
    const s = serverlessInstance(rng, { groupId: p.id, name, createMs });
    s.snapshots = completedServerlessSnapshots(
      rng,
      s,
      nowMs - int(rng, 600, 5 * 3600) * 1000,
      snapshots ?? 12,
    );
    p.serverless.push(s);
    return;
  }
  const c = flexCluster(rng, { groupId: p.id, name, createMs });
  // Newest 5 min to 24 h old: the daily times spread over the day, so 1 in 24 comes due in any hour.
  const newest = nowMs - int(rng, 300, 86_399) * 1000;
  c.snapshots = dailyFlexSnapshots(rng, newest, snapshots ?? 8, c.mongoDBVersion);
  p.flex.push(c);
}

/** Grows `world` in place: more readable projects, more clusters per readable project. */
export function applySize(world: SimWorld, size: SizeOptions, seed: number, nowMs: number): void {
  // A separate stream, so the default scenario is the same with or without size knobs.
  const rng = mulberry32(seed ^ 0x5eed5);
  const readable = world.projects.filter((p) => p.readable);
  for (let n = readable.length; n < (size.projects ?? 0); n++) {
    const createdMs = seconds(nowMs - int(rng, 100, 1500) * DAY_MS - int(rng, 0, 86_399) * 1000);
    const name = `${pick(rng, TEAMS)}-${pick(rng, ENVS)}-${n + 1}`;
    const p: SimProject = {
      id: objectId(rng, createdMs),
      name,
      orgId: world.orgId,
      createdMs,
      readable: true,
      flex: [],
      serverless: [],
      dedicated: [],
    };
    world.projects.push(p);
    readable.push(p);
  }
  const perProject = size.clusters ?? 0;
  const flexOnly = size.serverless !== undefined;
  for (const p of readable) {
    for (let i = clusterCount(p); i < perProject; i++)
      addHealthyCluster(rng, p, i, nowMs, size.snapshots, flexOnly);
  }
  addSizedOnlineArchives(seed, addDedicated(rng, readable, size, nowMs));
  addServerless(rng, readable, size, nowMs);
}

/** Healthy serverless instances, round robin, up to the `serverless` size. */
function addServerless(rng: Rng, readable: SimProject[], size: SizeOptions, nowMs: number): void {
  let total = readable.reduce((n, p) => n + p.serverless.length, 0);
  for (let i = 0; total < (size.serverless ?? 0) && readable.length > 0; i++, total++) {
    const p = readable[i % readable.length] as SimProject;
    const name = `${pick(rng, APPS)}-sl-${i}`;
    const s = serverlessInstance(rng, { groupId: p.id, name, createMs: nowMs - int(rng, 30, 600) * DAY_MS });
    s.snapshots = completedServerlessSnapshots(
      rng,
      s,
      nowMs - int(rng, 600, 5 * 3600) * 1000,
      size.snapshots ?? 12,
    );
    p.serverless.push(s);
  }
}

/** Healthy dedicated clusters on the default policy, round robin; every fourth one sharded. Returns them. */
function addDedicated(
  rng: Rng,
  readable: SimProject[],
  size: SizeOptions,
  nowMs: number,
): SimDedicatedCluster[] {
  const added: SimDedicatedCluster[] = [];
  const backedUp = (p: SimProject) => p.dedicated.filter((c) => c.backupEnabled).length;
  let total = readable.reduce((n, p) => n + backedUp(p), 0);
  for (let i = 0; total < (size.dedicated ?? 0) && readable.length > 0; i++, total++) {
    const p = readable[i % readable.length] as SimProject;
    const name = `${pick(rng, APPS)}-db-${i}`;
    const shape = i % 4 === 3 ? { clusterType: 'SHARDED' as const, shards: 2 } : {};
    const c = dedicatedCluster(
      rng,
      { groupId: p.id, name, createMs: nowMs - int(rng, 30, 600) * DAY_MS },
      shape,
    );
    scheduledSnapshots(rng, c, nowMs - int(rng, 600, 5 * 3600) * 1000, size.snapshots ?? 12, 6 * HOUR_MS);
    p.dedicated.push(c);
    added.push(c);
  }
  return added;
}
