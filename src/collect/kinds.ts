import type { AtlasClient } from '../atlas/api.js';
import { endpoints, type ListEndpoint } from '../atlas/endpoints.js';
import {
  parseFlexCluster,
  parseFlexSnapshot,
  parseServerlessInstance,
  parseServerlessSnapshot,
} from '../atlas/schemas.js';
import type { Group } from '../atlas/types.js';
import type { ClusterKind } from '../config.js';
import { type ClusterInfo, fromFlexCluster, fromServerlessInstance } from './cluster.js';
import { fromFlexSnapshot, fromServerlessSnapshot, type Snapshot } from './snapshot.js';
import { createSummariser, type SnapshotSummary } from './summarise.js';

/** How to list one kind of cluster and read its snapshots: the only place kinds differ. */
export interface KindReader {
  listClusters(client: AtlasClient, group: Group, signal: AbortSignal): Promise<ClusterInfo[]>;
  readSnapshots(
    client: AtlasClient,
    info: ClusterInfo,
    keepSnapshots: boolean,
    signal: AbortSignal,
  ): Promise<SnapshotSummary>;
}

async function listAll<T>(
  client: AtlasClient,
  endpoint: ListEndpoint,
  parse: (raw: unknown) => T | undefined,
  signal: AbortSignal,
): Promise<T[]> {
  const all: T[] = [];
  for await (const page of client.list(endpoint, parse, signal)) all.push(...page.items);
  return all;
}

async function summarisePages<T>(
  client: AtlasClient,
  endpoint: ListEndpoint,
  parse: (raw: unknown) => T | undefined,
  normalise: (item: T) => Snapshot,
  keepSnapshots: boolean,
  signal: AbortSignal,
): Promise<SnapshotSummary> {
  const summariser = createSummariser(keepSnapshots);
  for await (const page of client.list(endpoint, parse, signal)) {
    for (const item of page.items) summariser.add(normalise(item));
  }
  return summariser.result();
}

const flex: KindReader = {
  async listClusters(client, group, signal) {
    const clusters = await listAll(client, endpoints.flexClusters(group.id), parseFlexCluster, signal);
    return clusters.map((c) => fromFlexCluster(group, c));
  },
  readSnapshots(client, info, keep, signal) {
    const endpoint = endpoints.flexSnapshots(info.groupId, info.name);
    return summarisePages(client, endpoint, parseFlexSnapshot, fromFlexSnapshot, keep, signal);
  },
};

const serverless: KindReader = {
  async listClusters(client, group, signal) {
    const endpoint = endpoints.serverlessInstances(group.id);
    const instances = await listAll(client, endpoint, parseServerlessInstance, signal);
    return instances.map((s) => fromServerlessInstance(group, s));
  },
  readSnapshots(client, info, keep, signal) {
    const endpoint = endpoints.serverlessSnapshots(info.groupId, info.name);
    return summarisePages(client, endpoint, parseServerlessSnapshot, fromServerlessSnapshot, keep, signal);
  },
};

export const KIND_READERS: Readonly<Record<ClusterKind, KindReader>> = { flex, serverless };
