import { basics, type ClusterBasics, DAY_MS, seconds } from './generate.js';
import type { SimDedicatedCluster, SimDedicatedSnapshot, SimPolicyItem } from './model.js';
import { int, objectId, type Rng } from './prng.js';

/** [frequencyType, frequencyInterval, retentionUnit, retentionValue] */
export type PolicySpec = [string, number, SimPolicyItem['retentionUnit'], number];

/** The policy Atlas creates when Cloud Backup is turned on (recorded, dedicated.md §4.3): every 6 h. */
export const DEFAULT_POLICY: readonly PolicySpec[] = [
  ['hourly', 6, 'days', 7],
  ['daily', 1, 'days', 7],
  ['weekly', 6, 'weeks', 4],
  ['monthly', 40, 'months', 12],
  ['yearly', 12, 'years', 1],
];

/** How a dedicated cluster differs from a healthy M30 replica set on the default policy. */
export interface DedicatedShape {
  instanceSize?: string;
  clusterType?: SimDedicatedCluster['clusterType'];
  shards?: number;
  tenant?: boolean;
  backupEnabled?: boolean;
  pitEnabled?: boolean;
  paused?: boolean;
  policy?: readonly PolicySpec[];
}

const UNIT_MS = { days: DAY_MS, weeks: 7 * DAY_MS, months: 31 * DAY_MS, years: 366 * DAY_MS } as const;

export function dedicatedCluster(
  rng: Rng,
  base: ClusterBasics,
  shape: DedicatedShape = {},
): SimDedicatedCluster {
  const backupEnabled = !shape.tenant && (shape.backupEnabled ?? true);
  const policy = backupEnabled ? (shape.policy ?? DEFAULT_POLICY) : [];
  const b = basics(rng, base);
  return {
    kind: 'dedicated',
    ...b,
    mongoDBVersion: `8.0.${int(rng, 10, 29)}`,
    clusterType: shape.clusterType ?? 'REPLICASET',
    shards: shape.shards ?? 1,
    instanceSize: shape.tenant ? 'M0' : (shape.instanceSize ?? 'M30'),
    tenant: shape.tenant ?? false,
    backupEnabled,
    pitEnabled: shape.pitEnabled ?? false,
    paused: shape.paused ?? false,
    policyId: objectId(rng, b.createMs),
    policyItems: policy.map(([frequencyType, frequencyInterval, retentionUnit, retentionValue]) => ({
      id: objectId(rng, b.createMs),
      frequencyType,
      frequencyInterval,
      retentionUnit,
      retentionValue,
    })),
    referenceHourOfDay: int(rng, 0, 23),
    referenceMinuteOfHour: int(rng, 0, 59),
    snapshots: [],
  };
}

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
  };
  if (done || status === 'failed') snap.createdMs = created;
  return snap;
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
