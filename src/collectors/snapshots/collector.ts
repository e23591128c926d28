import type { ListEndpoint } from '../../atlas/endpoints.js';
import type { ClusterKind } from '../../config/kinds.js';
import { backupName, type Family } from '../../metrics/family.js';
import { aheadInWords } from '../../resources/clock-skew.js';
import type { ClusterInfo } from '../../resources/cluster.js';
import { BACKUP_EVENT_TYPES } from '../../resources/project-events/endpoints.js';
import { defineCollector, type ReadContext, type Reading } from '../collector.js';
import { fromCloudSnapshot, parseCloudSnapshot } from './cloud-snapshot.js';
import { snapshotEndpoints } from './endpoints.js';
import { fromFlexSnapshot, parseFlexSnapshot } from './flex-snapshot.js';
import { mustReadSnapshots } from './recheck.js';
import type { Snapshot } from './snapshot.js';
import { createSummariser, type SnapshotSummary } from './summary.js';

/** The option that keeps every snapshot for the per-snapshot families. */
const DETAILS = 'snapshot-details';

/** A snapshot list folded page by page, so memory grows with clusters, not with snapshots. */
async function summarisePages<T>(
  endpoint: ListEndpoint,
  parse: (raw: unknown) => T | undefined,
  normalise: (item: T) => Snapshot,
  ctx: ReadContext,
): Promise<SnapshotSummary> {
  const summariser = createSummariser(ctx.options[DETAILS] === true, ctx.nowMs);
  for await (const page of ctx.client.list(endpoint, parse, ctx.signal)) {
    for (const item of page.items) summariser.add(normalise(item));
  }
  return summariser.result();
}

/** Sharded clusters list whole-cluster snapshots apart; one counts once, not once per shard. */
const dedicatedList = (info: ClusterInfo) =>
  info.topology === 'replicaset'
    ? snapshotEndpoints.dedicated(info.groupId, info.name)
    : snapshotEndpoints.dedicatedSharded(info.groupId, info.name);

/** How each kind's snapshot list of a cluster is read. */
const READ: Record<ClusterKind, (info: ClusterInfo, ctx: ReadContext) => Promise<SnapshotSummary>> = {
  flex: (info, ctx) =>
    summarisePages(snapshotEndpoints.flex(info.groupId, info.name), parseFlexSnapshot, fromFlexSnapshot, ctx),
  serverless: (info, ctx) =>
    summarisePages(
      snapshotEndpoints.serverless(info.groupId, info.name),
      parseCloudSnapshot,
      fromCloudSnapshot,
      ctx,
    ),
  dedicated: (info, ctx) => summarisePages(dedicatedList(info), parseCloudSnapshot, fromCloudSnapshot, ctx),
};

/** Its family names, exported for the mixin's queries (a rename breaks their build). */
export const SNAPSHOT_FAMILY = {
  snapshots: backupName('snapshots'),
  storage: backupName('storage_bytes'),
  lastCompleted: backupName('last_completed_snapshot_timestamp_seconds'),
  lastCompletedStorage: backupName('last_completed_snapshot_storage_bytes'),
  oldestCompleted: backupName('oldest_completed_snapshot_timestamp_seconds'),
  lastFailed: backupName('last_failed_snapshot_timestamp_seconds'),
  oldestUnfinished: backupName('oldest_unfinished_snapshot_timestamp_seconds'),
  nextExpiry: backupName('next_snapshot_expiry_timestamp_seconds'),
  copyRegions: backupName('last_completed_snapshot_copy_regions'),
  info: backupName('snapshot_info'),
  time: backupName('snapshot_timestamp_seconds'),
  expiry: backupName('snapshot_expiry_timestamp_seconds'),
  size: backupName('snapshot_size_bytes'),
  age: backupName('last_completed_snapshot_age_seconds'),
} as const;

/** A per-cluster family of one value. */
const gauge = (name: string, help: string, value: (s: SnapshotSummary) => number | undefined) => ({
  name,
  help,
  labels: [],
  value,
});

const hasId = (x: Snapshot): x is Snapshot & { id: string } => x.id !== undefined;

/** A per-snapshot family, over the snapshots kept with --collector.snapshot-details; those without an id are left out. */
function perSnapshot(
  name: string,
  help: string,
  labels: readonly string[],
  samples: (x: Snapshot & { id: string }) => ReadonlyArray<readonly [readonly string[], number]>,
): Family<SnapshotSummary> {
  return {
    name,
    help,
    labels,
    optIn: DETAILS,
    samples: (s) => (s.snapshots ?? []).filter(hasId).flatMap(samples),
  };
}

const oneValue = (value: (x: Snapshot) => number | undefined) => (x: Snapshot & { id: string }) => {
  const v = value(x);
  return v === undefined ? [] : [[[x.id], v] as const];
};

/**
 * The backup snapshots of every kind of cluster: the contract's core. Dedicated clusters without
 * backup have none to read. Read with the cluster (core): a failure fails the cluster.
 */
export const snapshots = defineCollector<SnapshotSummary>({
  name: 'snapshots',
  core: true,
  options: [
    {
      name: DETAILS,
      help: 'Export one series per snapshot (unbounded cardinality over time).',
      default: false,
    },
  ],
  noun: 'snapshot list',
  failure: 'cannot read backup snapshots',
  endpoints: {
    flex: ['flex_snapshots'],
    serverless: ['serverless_snapshots'],
    dedicated: ['cluster_snapshots', 'sharded_cluster_snapshots'],
  },
  // On-demand snapshots come at no time a list or schedule predicts; Atlas logs them as events.
  changeEvents: { dedicated: BACKUP_EVENT_TYPES },
  applies: (info) => info.kind !== 'dedicated' || info.backupEnabled,
  mustRead: mustReadSnapshots,
  read: (info, ctx) => READ[info.kind](info, ctx),
  implausible: (s) =>
    s.aheadOfClock &&
    aheadInWords('snapshot', s.aheadOfClock, 'the newest snapshot and its age come from the others'),
  families: [
    {
      name: SNAPSHOT_FAMILY.snapshots,
      help: 'Number of backup snapshots by status, type and frequency.',
      labels: ['status', 'snapshot_type', 'frequency'],
      samples: (s) => s.counts.map((c) => [[c.status, c.snapshotType, c.frequency], c.count]),
    },
    gauge(
      SNAPSHOT_FAMILY.storage,
      'Storage used by completed snapshots (not reported for Flex).',
      (s) => s.storageBytes,
    ),
    gauge(
      SNAPSHOT_FAMILY.lastCompleted,
      'Snapshot time of the newest completed snapshot.',
      (s) => s.lastCompletedTime,
    ),
    gauge(
      SNAPSHOT_FAMILY.lastCompletedStorage,
      'Size of the newest completed snapshot (not reported for Flex).',
      (s) => s.lastCompletedStorageBytes,
    ),
    gauge(
      SNAPSHOT_FAMILY.oldestCompleted,
      'Snapshot time of the oldest completed snapshot: the start of the restore window.',
      (s) => s.oldestCompletedTime,
    ),
    gauge(
      SNAPSHOT_FAMILY.lastFailed,
      'Snapshot time of the newest failed snapshot.',
      (s) => s.lastFailedTime,
    ),
    gauge(
      SNAPSHOT_FAMILY.oldestUnfinished,
      'Snapshot time of the oldest pending, queued or in-progress snapshot.',
      (s) => s.oldestUnfinishedTime,
    ),
    gauge(SNAPSHOT_FAMILY.nextExpiry, 'Earliest expiry among completed snapshots.', (s) => s.nextExpiry),
    gauge(
      SNAPSHOT_FAMILY.copyRegions,
      'Dedicated only: how many regions the newest completed snapshot is copied to (copyRegions).',
      (s) => s.lastCompletedCopyRegions,
    ),
    perSnapshot(
      SNAPSHOT_FAMILY.info,
      'One backup snapshot.',
      ['snapshot_id', 'status', 'snapshot_type', 'frequency', 'mongodb_version'],
      (x) => [[[x.id, x.status, x.snapshotType, x.frequency, x.mongodbVersion ?? ''], 1]],
    ),
    perSnapshot(
      SNAPSHOT_FAMILY.time,
      'Snapshot time of one snapshot.',
      ['snapshot_id'],
      oneValue((x) => x.time),
    ),
    perSnapshot(
      SNAPSHOT_FAMILY.expiry,
      'When Atlas deletes one snapshot.',
      ['snapshot_id'],
      oneValue((x) => x.expiresAt),
    ),
    perSnapshot(
      SNAPSHOT_FAMILY.size,
      'Size of one snapshot (not reported for Flex).',
      ['snapshot_id'],
      oneValue((x) => x.storageBytes),
    ),
  ],
  // The contract's one age: computed when /metrics is rendered, not when the list is read.
  age: {
    name: SNAPSHOT_FAMILY.age,
    help: 'Seconds since the newest completed snapshot, computed when /metrics is rendered.',
    since: (s) => s.lastCompletedTime,
  },
});

/** A cluster's snapshot summary as last read; undefined when there is none (backup off, never read). */
export function snapshotSummary(
  readings: ReadonlyMap<string, Reading<unknown>>,
): SnapshotSummary | undefined {
  return readings.get(snapshots.name)?.facts as SnapshotSummary | undefined;
}
