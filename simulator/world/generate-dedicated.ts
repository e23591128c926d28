import { basics, type ClusterBasics } from './generate.js';
import type { SimDedicatedCluster, SimPolicyItem } from './model.js';
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
    restoreJobs: [],
    collectionRestoreJobs: [],
    copySettings: [],
    exportJobs: [],
  };
}
