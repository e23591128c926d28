import { iso, isResponse, okPage, type SimResponse } from '../http/wire.js';
import type { SimDedicatedCluster, SimDedicatedSnapshot } from '../world/model.js';
import { clusterPath, findDedicated } from './clusters.js';
import { GROUP_PATH, type ProjectRequest, simResource, V2023 } from './resource.js';

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
