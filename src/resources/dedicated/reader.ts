import { AtlasError } from '../../atlas/errors.js';
import { fromCloudSnapshot, parseCloudSnapshot } from '../cloud-snapshot.js';
import type { ClusterInfo } from '../cluster.js';
import { BACKUP_EVENT_TYPES, CLUSTER_EVENT_TYPES } from '../project-events/endpoints.js';
import { type ClusterResource, listAll, type ReadContext, summarisePages } from '../resource.js';
import { dedicatedEndpoints } from './endpoints.js';
import { type ScheduleRecord, scheduleFacts, scheduleIsFresh } from './schedule.js';
import { parseAtlasCluster, parseBackupSchedule } from './schema.js';
import { fromAtlasCluster, withSchedule } from './transform.js';

/** Atlas moved the cluster to Flex (or deleted it) after it was listed: not ours to read now. */
const GONE = new Set(['CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API', 'CLUSTER_NOT_FOUND']);

function isGone(err: unknown): boolean {
  return err instanceof AtlasError && err.errorCode !== undefined && GONE.has(err.errorCode);
}

/** 404 BACKUP_CONFIG_NOT_FOUND: the cluster has no schedule, which is an answer, not an error. */
function isNoSchedule(err: unknown): boolean {
  return err instanceof AtlasError && err.status === 404 && err.errorCode === 'BACKUP_CONFIG_NOT_FOUND';
}

async function readSchedule(info: ClusterInfo, ctx: ReadContext<ScheduleRecord>): Promise<ScheduleRecord> {
  if (ctx.memo && scheduleIsFresh(ctx.memo, ctx.nowMs)) return ctx.memo;
  const endpoint = dedicatedEndpoints.schedule(info.groupId, info.name);
  try {
    const schedule = parseBackupSchedule(await ctx.client.get(endpoint, ctx.signal));
    return { ...scheduleFacts(schedule), readMs: ctx.nowMs };
  } catch (err) {
    if (isNoSchedule(err)) return { ...scheduleFacts(undefined), readMs: ctx.nowMs };
    throw err;
  }
}

/** Sharded clusters list whole-cluster snapshots apart; one counts once, not once per shard. */
function snapshotEndpoint(info: ClusterInfo) {
  return info.topology === 'replicaset'
    ? dedicatedEndpoints.snapshots(info.groupId, info.name)
    : dedicatedEndpoints.shardedSnapshots(info.groupId, info.name);
}

/**
 * Dedicated (M10+) clusters of the Cluster API. Free (TENANT) and Flex clusters are listed too
 * and skipped: Flex comes from its own API. Without backup nothing is read; a paused cluster's
 * snapshots are read but its schedule is not (it expects none while paused). The memo is the
 * last schedule read, kept across refreshes (read at most hourly).
 */
export const dedicated: ClusterResource<ScheduleRecord> = {
  endpoints: ['clusters', 'backup_schedule', 'cluster_snapshots', 'sharded_cluster_snapshots'],
  // On-demand snapshots come at no time a list or schedule predicts; Atlas logs them as events.
  events: { clusters: CLUSTER_EVENT_TYPES, snapshots: BACKUP_EVENT_TYPES },
  async listClusters(client, group, signal) {
    const clusters = await listAll(client, dedicatedEndpoints.clusters(group.id), parseAtlasCluster, signal);
    return clusters.filter((c) => c.dedicated).map((c) => fromAtlasCluster(group, c));
  },
  async read(info, ctx) {
    if (!info.backupEnabled) return { summary: undefined };
    try {
      // One after the other: had they run together, a failed schedule read would fail the
      // cluster while its snapshot pages went on, unawaited, into the next refresh.
      const schedule = info.paused ? ctx.memo : await readSchedule(info, ctx);
      const summary = await summarisePages(
        snapshotEndpoint(info),
        parseCloudSnapshot,
        fromCloudSnapshot,
        ctx,
      );
      return { summary, memo: schedule };
    } catch (err) {
      if (isGone(err)) return undefined;
      throw err;
    }
  },
  describe: withSchedule,
};
