import type { SimDedicatedCluster, SimProject } from '../world/model.js';
import {
  renderDedicatedCluster,
  renderReplicaSetSnapshot,
  renderSchedule,
  renderShardedSnapshot,
} from './render-dedicated.js';
import type { SimEndpoint } from './routes.js';
import { apiError, type ListQuery, okPage, okResource, type SimResponse } from './wire.js';

export interface DedicatedContext {
  base: string;
  /** the request URL without its query, for `self` links */
  self: string;
  version: string;
  query: ListQuery;
}

/** The cluster the Cluster API names, or the error Atlas gives (recorded for Flex names). */
function cluster(p: SimProject, name: string): SimDedicatedCluster | SimResponse {
  const c = p.dedicated.find((x) => x.name === name);
  if (c) return c;
  if (p.flex.some((f) => f.name === name)) {
    return apiError(
      400,
      'CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API',
      `Flex cluster ${name} cannot be used in the Cluster API.`,
      [name],
    );
  }
  return apiError(404, 'CLUSTER_NOT_FOUND', `No cluster named ${name} exists in group ${p.id}.`, [
    name,
    p.id,
  ]);
}

/** Without Cloud Backup there is no schedule (Terraform's reading; a free cluster has none either). */
function noBackup(c: SimDedicatedCluster, p: SimProject): SimResponse {
  return apiError(
    404,
    'BACKUP_CONFIG_NOT_FOUND',
    `No backup configuration exists for cluster ${c.name} in group ${p.id}.`,
    [c.name, p.id],
  );
}

/** Answers the Cluster API endpoints; undefined for any other endpoint. */
export function handleDedicated(
  endpoint: SimEndpoint,
  p: SimProject,
  name: string,
  ctx: DedicatedContext,
): SimResponse | undefined {
  const { base, self, version, query } = ctx;
  if (endpoint === 'clusters') {
    return okPage(
      p.dedicated.map((c) => renderDedicatedCluster(c, base)),
      query,
      self,
      version,
    );
  }
  if (
    endpoint !== 'cluster_snapshots' &&
    endpoint !== 'sharded_cluster_snapshots' &&
    endpoint !== 'backup_schedule'
  )
    return undefined;
  const c = cluster(p, name);
  if ('status' in c) return c;
  if (endpoint === 'backup_schedule') {
    return c.backupEnabled ? okResource(renderSchedule(c, base), version, query) : noBackup(c, p);
  }
  // Disabling backup deletes the snapshots: the lists are empty (old docs; unconfirmed for v2).
  const snapshots = c.backupEnabled ? c.snapshots : [];
  if (endpoint === 'cluster_snapshots') {
    return okPage(
      snapshots.map((s) => renderReplicaSetSnapshot(c, s, base)),
      query,
      self,
      version,
    );
  }
  const sharded = c.clusterType === 'REPLICASET' ? [] : snapshots;
  return okPage(
    sharded.map((s) => renderShardedSnapshot(c, s, base)),
    query,
    self,
    version,
  );
}
