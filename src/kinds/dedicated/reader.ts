import { AtlasError } from '../../atlas/errors.js';
import { CLUSTER_EVENT_TYPES } from '../../resources/project-events/endpoints.js';
import { type Kind, listAll } from '../kind.js';
import { dedicatedEndpoints } from './endpoints.js';
import { parseAtlasCluster } from './schema.js';
import { fromAtlasCluster } from './transform.js';

/** Atlas moved the cluster to Flex (or deleted it) after it was listed: not ours to read now. */
const GONE = new Set(['CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API', 'CLUSTER_NOT_FOUND']);

/**
 * Dedicated (M10+) clusters of the Cluster API. Free (TENANT) and Flex clusters are listed too
 * and skipped: Flex comes from its own API.
 */
export const dedicated: Kind = {
  endpoints: ['clusters'],
  events: { clusters: CLUSTER_EVENT_TYPES },
  async listClusters(client, group, signal) {
    const clusters = await listAll(client, dedicatedEndpoints.clusters(group.id), parseAtlasCluster, signal);
    return clusters.filter((c) => c.dedicated).map((c) => fromAtlasCluster(group, c));
  },
  gone: (err) => err instanceof AtlasError && err.errorCode !== undefined && GONE.has(err.errorCode),
};
