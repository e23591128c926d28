import type { AtlasClient } from '../atlas/api.js';
import type { EndpointName, ListEndpoint } from '../atlas/endpoints.js';
import type { ClusterInfo } from './cluster.js';
import type { Group } from './projects/schema.js';
import type { Snapshot } from './snapshot.js';
import { createSummariser, type SnapshotSummary } from './summary.js';

/** What reading one cluster needs besides its info. */
export interface ReadContext<Memo> {
  readonly client: AtlasClient;
  readonly keepSnapshots: boolean;
  readonly signal: AbortSignal;
  readonly nowMs: number;
  /** what this resource kept of the cluster on the last refresh; opaque to the collector */
  readonly memo: Memo | undefined;
}

/** What one read of a cluster found. */
export interface ClusterReading<Memo> {
  /** undefined: there was nothing to read (backup disabled) */
  readonly summary: SnapshotSummary | undefined;
  /** kept for the next refresh, e.g. the dedicated schedule, which is read at most hourly */
  readonly memo?: Memo | undefined;
}

/**
 * When a kind's snapshot list, which nothing says has changed, must be read again; what a kind
 * leaves out follows --atlas.snapshot-recheck-interval and the expected interval (collect/recheck.ts).
 */
export interface RecheckPolicy {
  /** the safety recheck for this kind, given --atlas.snapshot-recheck-interval (never 0s: that reads all) */
  readonly safetyIntervalMs?: (recheckIntervalMs: number) => number;
  /** seconds before the next snapshot by the expected interval its list is first read; negative: after */
  readonly leadSeconds?: number;
}

/**
 * The project event types that tell of changes to a kind's lists which nothing in the lists
 * predicts (project-events/endpoints.ts). The collector reads a project's events once a refresh.
 */
export interface ChangeEvents {
  /** its cluster list changed; while none did, the list is read again after the recheck interval */
  readonly clusters: readonly string[];
  /** its snapshot lists changed (dedicated: on-demand snapshots); every list of the kind is read */
  readonly snapshots?: readonly string[];
}

/** A project's events are read instead of its cluster lists only where they spare this many lists. */
export const LISTS_AN_EVENTS_READ_SPARES = 2;

/**
 * Whether refreshes of these kinds may read project events: to feed snapshot lists, or to stand
 * in for enough cluster lists.
 */
export function readsProjectEvents(resources: readonly ClusterResource[]): boolean {
  const withEvents = resources.filter((r) => r.events);
  return withEvents.length >= LISTS_AN_EVENTS_READ_SPARES || withEvents.some((r) => r.events?.snapshots);
}

/**
 * One kind of cluster read from Atlas: how to list a project's clusters and read one's
 * snapshots. The collector knows nothing else of a kind; kinds.ts lists them.
 */
export interface ClusterResource<Memo = unknown> {
  /** every endpoint it may call, for the API counters that start at 0 */
  readonly endpoints: readonly EndpointName[];
  /** how this kind's lists change between snapshots, when that differs from the defaults */
  readonly recheck?: RecheckPolicy;
  /** the events that tell its lists changed; without them its cluster list is read every refresh */
  readonly events?: ChangeEvents;
  listClusters(client: AtlasClient, group: Group, signal: AbortSignal): Promise<ClusterInfo[]>;
  /** Resolves undefined when the cluster is no longer of this kind (moved to Flex): a skip. */
  read(info: ClusterInfo, ctx: ReadContext<Memo>): Promise<ClusterReading<Memo> | undefined>;
  /** The listed info as the memo completes it; without this hook the listed info as is. */
  describe?(listed: ClusterInfo, memo: Memo | undefined): ClusterInfo;
  /**
   * When an error means Atlas retired this kind's endpoints rather than that reading failed:
   * why, in a few words; undefined otherwise.
   */
  retirement?(err: unknown, stage: 'list' | 'read'): string | undefined;
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
  ctx: ReadContext<unknown>,
): Promise<SnapshotSummary> {
  const summariser = createSummariser(ctx.keepSnapshots);
  for await (const page of ctx.client.list(endpoint, parse, ctx.signal)) {
    for (const item of page.items) summariser.add(normalise(item));
  }
  return summariser.result();
}
