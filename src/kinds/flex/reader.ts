import { CLUSTER_EVENT_TYPES } from '../../resources/project-events/endpoints.js';
import { type Kind, listAll } from '../kind.js';
import { flexEndpoints } from './endpoints.js';
import { parseFlexCluster } from './schema.js';
import { fromFlexCluster } from './transform.js';

/** Flex clusters, from their own API (the Cluster API lists them too; dedicated skips them). */
export const flex: Kind = {
  endpoints: ['flex_clusters'],
  events: { clusters: CLUSTER_EVENT_TYPES },
  async listClusters(client, group, signal) {
    const clusters = await listAll(client, flexEndpoints.clusters(group.id), parseFlexCluster, signal);
    return clusters.map((c) => fromFlexCluster(group, c));
  },
};
