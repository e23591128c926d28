import { CLUSTER_EVENT_TYPES } from '../project-events/endpoints.js';
import { type ClusterResource, listAll, summarisePages } from '../resource.js';
import { flexEndpoints } from './endpoints.js';
import { parseFlexCluster, parseFlexSnapshot } from './schema.js';
import { FLEX_RECHECK, fromFlexCluster, fromFlexSnapshot } from './transform.js';

/** Flex clusters, from their own API (the Cluster API lists them too; dedicated skips them). */
export const flex: ClusterResource = {
  endpoints: ['flex_clusters', 'flex_snapshots'],
  recheck: FLEX_RECHECK,
  events: { clusters: CLUSTER_EVENT_TYPES },
  async listClusters(client, group, signal) {
    const clusters = await listAll(client, flexEndpoints.clusters(group.id), parseFlexCluster, signal);
    return clusters.map((c) => fromFlexCluster(group, c));
  },
  async read(info, ctx) {
    const endpoint = flexEndpoints.snapshots(info.groupId, info.name);
    return { summary: await summarisePages(endpoint, parseFlexSnapshot, fromFlexSnapshot, ctx) };
  },
};
