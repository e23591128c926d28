import { endpoints } from '../atlas/endpoints.js';
import {
  parseCloudSnapshot,
  parseFlexCluster,
  parseFlexSnapshot,
  parseServerlessInstance,
} from '../atlas/schemas.js';
import type { ClusterKind } from '../config.js';
import { fromFlexCluster, fromServerlessInstance } from './cluster.js';
import { dedicated } from './dedicated.js';
import { type KindReader, listAll, summarisePages } from './reader.js';
import { fromCloudSnapshot, fromFlexSnapshot } from './snapshot.js';

const flex: KindReader = {
  endpoints: ['flex_clusters', 'flex_snapshots'],
  async listClusters(client, group, signal) {
    const clusters = await listAll(client, endpoints.flexClusters(group.id), parseFlexCluster, signal);
    return clusters.map((c) => fromFlexCluster(group, c));
  },
  async read(info, ctx) {
    const endpoint = endpoints.flexSnapshots(info.groupId, info.name);
    return { summary: await summarisePages(endpoint, parseFlexSnapshot, fromFlexSnapshot, ctx) };
  },
};

const serverless: KindReader = {
  endpoints: ['serverless_instances', 'serverless_snapshots'],
  async listClusters(client, group, signal) {
    const endpoint = endpoints.serverlessInstances(group.id);
    const instances = await listAll(client, endpoint, parseServerlessInstance, signal);
    return instances.map((s) => fromServerlessInstance(group, s));
  },
  async read(info, ctx) {
    const endpoint = endpoints.serverlessSnapshots(info.groupId, info.name);
    return { summary: await summarisePages(endpoint, parseCloudSnapshot, fromCloudSnapshot, ctx) };
  },
};

/** The reader of each kind. */
export const KIND_READERS: Readonly<Record<ClusterKind, KindReader>> = { flex, serverless, dedicated };
