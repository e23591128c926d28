import type { Logger } from 'pino';
import { AtlasError } from '../atlas/errors.js';
import type { ClusterKind } from '../config/kinds.js';
import type { ProjectRecord } from './state.js';

/**
 * The kinds Atlas has retired per project (410 Gone), kept across refreshes: a retired kind
 * answers the same every time, so it is asked again only after --atlas.snapshot-recheck-interval.
 * A kind whose listing Atlas answered 410 after the Sunset date it announced is gone for every
 * project: it is not asked again at all, unless --atlas.cluster-kinds names it.
 */
export function createRetiredKinds(
  previous: ReadonlyMap<string, ProjectRecord>,
  previouslyGone: ReadonlySet<ClusterKind>,
  recheckIntervalMs: number,
  now: () => number,
) {
  const found = new Map<string, Map<ClusterKind, number>>();
  const gone = new Set(previouslyGone);
  function retire(groupId: string, kind: ClusterKind, sinceMs = now()): void {
    const kinds = found.get(groupId) ?? new Map<ClusterKind, number>();
    found.set(groupId, kinds.set(kind, sinceMs));
  }
  return {
    retire,
    /** Marks the kind gone for good; true the first time, when it is worth saying so. */
    removed(kind: ClusterKind): boolean {
      if (gone.has(kind)) return false;
      gone.add(kind);
      return true;
    },
    /** Whether the kind is gone, or was retired less than the recheck interval ago; it then stays retired. */
    resting(groupId: string, kind: ClusterKind): boolean {
      if (gone.has(kind)) return true;
      const sinceMs = previous.get(groupId)?.retired?.get(kind);
      if (sinceMs === undefined || now() - sinceMs >= recheckIntervalMs) return false;
      retire(groupId, kind, sinceMs);
      return true;
    },
    /** What to keep in the project's record. */
    of: (groupId: string): ReadonlyMap<ClusterKind, number> | undefined => found.get(groupId),
    /** The kinds no longer asked for, for the next refresh. */
    gone: (): ReadonlySet<ClusterKind> => gone,
  };
}

/** A 410 Gone whose Sunset date has passed: Atlas removed the endpoint on that date. */
export function pastSunset(err: unknown, nowMs: number): { endpoint: string; sunsetMs: number } | undefined {
  if (!(err instanceof AtlasError) || err.status !== 410) return undefined;
  const { endpoint, sunsetMs } = err;
  return sunsetMs !== undefined && sunsetMs <= nowMs ? { endpoint, sunsetMs } : undefined;
}

/** The one INFO of a kind Atlas removed: it is no longer asked for, and how to keep asking. */
export function reportRemoved(
  logger: Logger,
  kind: ClusterKind,
  removal: { endpoint: string; sunsetMs: number },
): void {
  const sunset = new Date(removal.sunsetMs).toISOString().slice(0, 10);
  logger.info(
    { cluster_kind: kind, endpoint: removal.endpoint, sunset },
    `Atlas removed the ${kind} listing (410 Gone, its Sunset date ${sunset} has passed): ${kind} is no longer asked for; name it in --atlas.cluster-kinds to keep asking`,
  );
}
