import type { AtlasClient } from '../atlas/api.js';
import type { EndpointName, ListEndpoint } from '../atlas/endpoints.js';
import type { Group } from '../atlas/types.js';
import type { ClusterInfo } from './cluster.js';
import type { ScheduleRecord } from './schedule.js';
import type { Snapshot } from './snapshot.js';
import type { ClusterRecord } from './state.js';
import { createSummariser, type SnapshotSummary } from './summarise.js';

/** What reading one cluster needs besides its info. */
export interface ReadContext {
  readonly client: AtlasClient;
  readonly keepSnapshots: boolean;
  readonly signal: AbortSignal;
  readonly nowMs: number;
  /** this cluster as the last refresh left it (the dedicated reader reuses its schedule) */
  readonly previous: ClusterRecord | undefined;
}

/** What one read of a cluster found. */
export interface ClusterReading {
  /** undefined: there was nothing to read (backup disabled) */
  readonly summary: SnapshotSummary | undefined;
  /** dedicated only: the schedule in use, read now or earlier */
  readonly schedule?: ScheduleRecord;
}

/** How to list one kind of cluster and read its snapshots: the only place kinds differ. */
export interface KindReader {
  /** every endpoint it may call, for the API counters that start at 0 */
  readonly endpoints: readonly EndpointName[];
  listClusters(client: AtlasClient, group: Group, signal: AbortSignal): Promise<ClusterInfo[]>;
  /** Resolves undefined when the cluster is no longer of this kind (moved to Flex): a skip. */
  read(info: ClusterInfo, ctx: ReadContext): Promise<ClusterReading | undefined>;
}

/** Every item of a paged list, in memory: for cluster lists, which stay small. */
export async function listAll<T>(
  client: AtlasClient,
  endpoint: ListEndpoint,
  parse: (raw: unknown) => T | undefined,
  signal: AbortSignal,
): Promise<T[]> {
  const all: T[] = [];
  for await (const page of client.list(endpoint, parse, signal)) all.push(...page.items);
  return all;
}

/** A snapshot list folded page by page, so memory grows with clusters, not with snapshots. */
export async function summarisePages<T>(
  endpoint: ListEndpoint,
  parse: (raw: unknown) => T | undefined,
  normalise: (item: T) => Snapshot,
  ctx: ReadContext,
): Promise<SnapshotSummary> {
  const summariser = createSummariser(ctx.keepSnapshots);
  for await (const page of ctx.client.list(endpoint, parse, ctx.signal)) {
    for (const item of page.items) summariser.add(normalise(item));
  }
  return summariser.result();
}
