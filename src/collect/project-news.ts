import type { ClusterKind } from '../config/kinds.js';
import { LISTS_AN_EVENTS_READ_SPARES } from '../kinds/kind.js';
import { happenedSince, type ProjectEvent } from '../resources/project-events/reader.js';
import { fnv1a64, jumpHash } from '../resources/projects/shard.js';
import type { KindEvents } from './change-events.js';
import type { ClusterRecord, Listing, ProjectRecord } from './state.js';

/** What a refresh may take from a project's last refresh instead of asking Atlas again. */
export interface ProjectNewsPlan {
  /** per kind, the list that stays good unless the events tell of a change to it */
  readonly listings: ReadonlyMap<ClusterKind, Listing>;
  /** per kind with a change feed for snapshot lists, the oldest read of one it would re-read */
  readonly snapshotReads: ReadonlyMap<ClusterKind, number>;
  /** the event types to ask for; empty: the events would save nothing, read every list */
  readonly types: readonly string[];
  /** the oldest time any of them must be looked for since */
  readonly sinceMs: number;
}

/** What the project's events said; undefined events (not read, or unreadable): nothing is known. */
export interface ProjectNews {
  /** the list of this kind to use instead of reading it; undefined: read it */
  listing(kind: ClusterKind): Listing | undefined;
  /** whether every snapshot list of this kind must be read: an event told of a change */
  snapshotsChanged(kind: ClusterKind): boolean;
}

/**
 * Which of a project's lists its events could vouch for on this refresh: the cluster lists read
 * without a failure less than the recheck interval ago, and the snapshot lists of kinds whose
 * changes only events tell (those with backup, read, not paused). One events read replaces the
 * lists only where it saves requests: enough lists, or a snapshot feed that is read anyway.
 */
export function planProjectNews(
  before: ProjectRecord | undefined,
  records: ReadonlyMap<ClusterKind, readonly ClusterRecord[]>,
  resources: Readonly<Record<ClusterKind, KindEvents>>,
  kinds: readonly ClusterKind[],
  nowMs: number,
  recheckIntervalMs: number,
): ProjectNewsPlan {
  const listings = new Map<ClusterKind, Listing>();
  const snapshotReads = new Map<ClusterKind, number>();
  if (recheckIntervalMs <= 0) return { listings, snapshotReads, types: [], sinceMs: nowMs };
  for (const kind of kinds) {
    const events = resources[kind].events;
    if (!events) continue;
    const listing = before?.listings?.get(kind);
    if (listing && before?.listed.get(kind) === true && nowMs < listing.recheckAtMs) {
      listings.set(kind, listing);
    }
    const reads = (records.get(kind) ?? [])
      .filter((r) => r.collectSuccess && r.info.backupEnabled && !r.info.paused)
      .map((r) => r.lastReadMs ?? 0);
    if (events.snapshots && reads.length > 0) snapshotReads.set(kind, Math.min(...reads));
  }
  if (listings.size < LISTS_AN_EVENTS_READ_SPARES && snapshotReads.size === 0) {
    return { listings: new Map(), snapshotReads, types: [], sinceMs: nowMs };
  }
  const types = new Set<string>();
  for (const kind of listings.keys()) for (const t of resources[kind].events?.clusters ?? []) types.add(t);
  for (const kind of snapshotReads.keys())
    for (const t of resources[kind].events?.snapshots ?? []) types.add(t);
  const times = [...[...listings.values()].map((l) => l.readMs), ...snapshotReads.values()];
  return { listings, snapshotReads, types: [...types], sinceMs: Math.min(...times) };
}

/** Points of the interval a first recheck can fall on. */
const SPREAD_POINTS = 1 << 20;

/**
 * When a list read at `readMs` is read again whatever the events say. Every project is listed at
 * start-up, so one interval for all would bring every list back on the same refresh each hour:
 * a project's first recheck falls at the point of the interval its id picks, so the rechecks are
 * spread over the interval and stay spread. Its kinds share that point: were one list due alone,
 * the events could vouch for too few lists to be read, and the others would be read with it.
 * The first hour costs a list more.
 */
export function listingRecheckAt(
  groupId: string,
  readMs: number,
  recheckIntervalMs: number,
  first: boolean,
): number {
  if (!first) return readMs + recheckIntervalMs;
  // FNV-1a's high bits barely move with the last bytes; the jump hash mixes them all (and the
  // prefix keeps the point apart from the project's shard).
  const point = jumpHash(fnv1a64(`recheck/${groupId}`), SPREAD_POINTS) / SPREAD_POINTS;
  return readMs + recheckIntervalMs * point;
}

/** The plan, answered by the events read for it (undefined: they could not be read). */
export function projectNews(
  plan: ProjectNewsPlan,
  resources: Readonly<Record<ClusterKind, KindEvents>>,
  events: readonly ProjectEvent[] | undefined,
): ProjectNews {
  return {
    listing(kind) {
      const listing = plan.listings.get(kind);
      if (!listing || !events) return undefined;
      const types = new Set(resources[kind].events?.clusters);
      return happenedSince(events, types, listing.readMs) ? undefined : listing;
    },
    snapshotsChanged(kind) {
      const sinceMs = plan.snapshotReads.get(kind);
      if (sinceMs === undefined || !events) return false;
      return happenedSince(events, new Set(resources[kind].events?.snapshots), sinceMs);
    },
  };
}
