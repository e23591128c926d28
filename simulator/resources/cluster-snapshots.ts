import { iso, isResponse, okPage, type SimResponse } from '../http/wire.js';
import { DAY_MS, seconds } from '../world/generate.js';
import type { SimDedicatedCluster, SimPolicyItem } from '../world/model.js';
import { int, objectId, type Rng } from '../world/prng.js';
import { clusterPath, findDedicated } from './clusters.js';
import { GROUP_PATH, type ProjectRequest, simResource, V2023 } from './resource.js';

/** A dedicated cluster's snapshot (DiskBackupReplicaSet, or a whole sharded-cluster snapshot). */
export interface SimDedicatedSnapshot {
  id: string;
  /** queued, inProgress, completed, failed */
  status: string;
  /** absent until the snapshot completes (recorded), kept for failed ones */
  createdMs?: number;
  expiresMs: number;
  /** hourly … yearly, and `ondemand` for on-demand snapshots (recorded, not in the spec's enum) */
  frequencyType: string;
  /** scheduled, onDemand, fallback */
  snapshotType: string;
  mongodVersion: string;
  /** 0 until completed (recorded) */
  storageSizeBytes: number;
  /** ids of the policy items it satisfies; empty for on-demand */
  policyItemIds: string[];
  /** sharded clusters: one per shard, then the config server */
  memberIds: string[];
  /** the regions Atlas copies it to; the replica-set list shows them */
  copyRegions: string[];
}

const UNIT_MS = { days: DAY_MS, weeks: 7 * DAY_MS, months: 31 * DAY_MS, years: 366 * DAY_MS } as const;

/** One completed (or `status`) snapshot; in-flight ones have no createdAt and size 0 (recorded). */
export function dedicatedSnapshot(
  rng: Rng,
  c: SimDedicatedCluster,
  atMs: number,
  items: readonly SimPolicyItem[],
  status = 'completed',
): SimDedicatedSnapshot {
  const created = seconds(atMs);
  const longest = items.at(-1);
  const keepMs = longest ? longest.retentionValue * UNIT_MS[longest.retentionUnit] : DAY_MS;
  const done = status === 'completed';
  const snap: SimDedicatedSnapshot = {
    id: objectId(rng, created),
    status,
    expiresMs: created + keepMs,
    frequencyType: longest?.frequencyType ?? 'ondemand',
    snapshotType: longest ? 'scheduled' : 'onDemand',
    mongodVersion: c.mongoDBVersion,
    storageSizeBytes: done ? int(rng, 1000, 40_000) * 1_048_576 : 0,
    policyItemIds: items.map((i) => i.id),
    memberIds:
      c.clusterType === 'REPLICASET'
        ? []
        : Array.from({ length: c.shards + 1 }, () => objectId(rng, created)),
    copyRegions: copiedTo(c, items),
  };
  if (done || status === 'failed') snap.createdMs = created;
  return snap;
}

const retentionMs = (item: SimPolicyItem) => item.retentionValue * UNIT_MS[item.retentionUnit];

/**
 * Adds the history a policy keeps: one completed snapshot of its longest-kept item, as old as that
 * retention allows (less `marginMs`, so it has not expired yet) or a day after the cluster was
 * created. Without it every cluster of the scenario would look as if its history was lost.
 */
export function keepHistory(rng: Rng, c: SimDedicatedCluster, nowMs: number, marginMs: number): void {
  const longest = c.policyItems.reduce<SimPolicyItem | undefined>(
    (best, item) => (best === undefined || retentionMs(item) > retentionMs(best) ? item : best),
    undefined,
  );
  if (!longest) return;
  const atMs = Math.max(nowMs - retentionMs(longest) + marginMs, c.createMs + DAY_MS);
  c.snapshots.push(dedicatedSnapshot(rng, c, atMs, [longest]));
}

/** The regions whose copy settings name one of the snapshot's policy items: copies follow items. */
export function copiedTo(c: SimDedicatedCluster, items: readonly Pick<SimPolicyItem, 'id'>[]): string[] {
  return c.copySettings
    .filter((s) => items.some((i) => s.copyPolicyItemIds.includes(i.id)))
    .map((s) => s.regionName);
}

/**
 * `count` scheduled snapshots `everyMs` apart, newest first, the newest at `newestMs`; the
 * schedule anchors there and names the next one. One a day also satisfies the daily item (how
 * Atlas labels such snapshots is unconfirmed; we name the least frequent item).
 */
export function scheduledSnapshots(
  rng: Rng,
  c: SimDedicatedCluster,
  newestMs: number,
  count: number,
  everyMs: number,
): void {
  const newest = seconds(newestMs);
  const perDay = Math.max(1, Math.round(DAY_MS / everyMs));
  const [first, second] = c.policyItems;
  c.snapshots = [];
  for (let k = 0; k < count; k++) {
    const items =
      first && second && k % perDay === 0 && everyMs < DAY_MS ? [first, second] : first ? [first] : [];
    c.snapshots.push(dedicatedSnapshot(rng, c, newest - k * everyMs, items));
  }
  const anchor = new Date(newest);
  c.referenceHourOfDay = anchor.getUTCHours();
  c.referenceMinuteOfHour = anchor.getUTCMinutes();
  c.nextSnapshotMs = newest + everyMs;
}

/** The fields both snapshot lists share; in-flight snapshots lack createdAt (recorded). */
function snapshotCommon(c: SimDedicatedCluster, s: SimDedicatedSnapshot, base: string) {
  return {
    ...(s.createdMs === undefined ? {} : { createdAt: iso(s.createdMs) }),
    ...(s.snapshotType === 'onDemand' ? { description: 'before the schema migration' } : {}),
    expiresAt: iso(s.expiresMs),
    frequencyType: s.frequencyType,
    id: s.id,
    links: [
      { href: `${base}${clusterPath(c)}/backup/snapshots/${s.id}`, rel: 'self' },
      { href: `${base}${clusterPath(c)}`, rel: 'https://cloud.mongodb.com/cluster' },
    ],
    mongodVersion: s.mongodVersion,
    policyItems: s.policyItemIds,
    snapshotType: s.snapshotType,
    status: s.status,
    storageSizeBytes: s.storageSizeBytes,
  };
}

/** DiskBackupReplicaSet; for a sharded cluster the whole-cluster snapshot, `type: shardedCluster`. */
export function renderReplicaSetSnapshot(c: SimDedicatedCluster, s: SimDedicatedSnapshot, base: string) {
  const sharded = c.clusterType !== 'REPLICASET';
  return {
    ...snapshotCommon(c, s, base),
    // cloudProvider appears late in a snapshot's life (recorded).
    ...(s.status === 'completed' ? { cloudProvider: c.provider } : {}),
    copyRegions: s.copyRegions,
    ...(sharded ? {} : { replicaSetName: c.name }),
    type: sharded ? 'shardedCluster' : 'replicaSet',
  };
}

/** DiskBackupShardedClusterSnapshot: one item per cluster snapshot, its shards as members. */
export function renderShardedSnapshot(c: SimDedicatedCluster, s: SimDedicatedSnapshot, base: string) {
  const members = s.memberIds.map((id, k) => ({
    cloudProvider: c.provider,
    id,
    replicaSetName: k < c.shards ? `${c.name}-shard-${k}` : `${c.name}-config-0`,
  }));
  return {
    ...snapshotCommon(c, s, base),
    configServerType: 'EMBEDDED',
    members,
    snapshotIds: s.memberIds,
    type: 'shardedCluster',
  };
}

/**
 * One of the two lists, rendered. Disabling backup deletes the snapshots: the lists are empty
 * (old docs; unconfirmed for v2).
 */
function list(
  req: ProjectRequest,
  pick: (c: SimDedicatedCluster) => readonly SimDedicatedSnapshot[],
  render: (c: SimDedicatedCluster, s: SimDedicatedSnapshot, base: string) => unknown,
): SimResponse {
  const c = findDedicated(req.project, req.params[0] ?? '');
  if (isResponse(c)) return c;
  const snapshots = c.backupEnabled ? pick(c) : [];
  return okPage(
    snapshots.map((s) => render(c, s, req.base)),
    req.query,
    req.self,
    req.version,
  );
}

/** A dedicated cluster's snapshots, newest first: the replica-set list and the sharded-cluster list. */
export const clusterSnapshots = simResource({
  name: 'cluster-snapshots',
  routes: [
    {
      endpoint: 'cluster_snapshots',
      method: 'GET',
      pattern: new RegExp(`^${GROUP_PATH}/clusters/([^/]+)/backup/snapshots$`),
      version: V2023,
      paged: true,
      scope: 'project',
      handle: (req) => list(req, (c) => c.snapshots, renderReplicaSetSnapshot),
    },
    {
      // The spec declares no paging parameters here, yet the answer has links and totalCount.
      endpoint: 'sharded_cluster_snapshots',
      method: 'GET',
      pattern: new RegExp(`^${GROUP_PATH}/clusters/([^/]+)/backup/snapshots/shardedClusters$`),
      version: V2023,
      paged: true,
      scope: 'project',
      handle: (req) =>
        list(req, (c) => (c.clusterType === 'REPLICASET' ? [] : c.snapshots), renderShardedSnapshot),
    },
  ],
});
