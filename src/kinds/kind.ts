import type { AtlasClient } from '../atlas/api.js';
import type { EndpointName } from '../atlas/endpoints.js';
import type { ClusterInfo } from '../resources/cluster.js';
import type { Group } from '../resources/projects/schema.js';

/**
 * The project event types that tell of changes to a kind's lists which nothing in the lists
 * predicts (project-events/endpoints.ts). The engine reads a project's events once a refresh.
 */
export interface ChangeEvents {
  /** its cluster list changed; while none did, the list is read again after the recheck interval */
  readonly clusters: readonly string[];
  /** a per-cluster list of this kind changed (dedicated: on-demand snapshots); every one is read */
  readonly snapshots?: readonly string[];
}

/** A project's events are read instead of its cluster lists only where they spare this many lists. */
export const LISTS_AN_EVENTS_READ_SPARES = 2;

/**
 * One kind of cluster: how a project's clusters of it are listed, the events that tell its list
 * changed, and what Atlas answers when the kind is gone. What is read per cluster is the
 * collectors' (collectors/); kinds/index.ts lists the kinds.
 */
export interface Kind {
  /** the endpoint of its cluster list, for the API counters that start at 0 */
  readonly endpoints: readonly EndpointName[];
  /** the events that tell its list changed; without them its cluster list is read every refresh */
  readonly events?: ChangeEvents;
  listClusters(client: AtlasClient, group: Group, signal: AbortSignal): Promise<ClusterInfo[]>;
  /** An error of a per-cluster read that means the cluster is no longer of this kind (moved to Flex): a skip. */
  gone?(err: unknown): boolean;
  /**
   * When an error means Atlas retired this kind's endpoints rather than that reading failed:
   * why, in a few words; undefined otherwise.
   */
  retirement?(err: unknown, stage: 'list' | 'read'): string | undefined;
}

export { listAll } from '../resources/list-all.js';
