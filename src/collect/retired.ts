import type { ClusterKind } from '../config/kinds.js';
import type { ProjectRecord } from './state.js';

/**
 * The kinds Atlas has retired per project (410 Gone), kept across refreshes: a retired kind
 * answers the same every time, so it is asked again only after --atlas.snapshot-recheck-interval.
 */
export function createRetiredKinds(
  previous: ReadonlyMap<string, ProjectRecord>,
  recheckIntervalMs: number,
  now: () => number,
) {
  const found = new Map<string, Map<ClusterKind, number>>();

  function retire(groupId: string, kind: ClusterKind, sinceMs = now()): void {
    const kinds = found.get(groupId) ?? new Map<ClusterKind, number>();
    found.set(groupId, kinds.set(kind, sinceMs));
  }

  return {
    retire,
    /** Whether the kind was retired less than the recheck interval ago; it then stays retired. */
    resting(groupId: string, kind: ClusterKind): boolean {
      const sinceMs = previous.get(groupId)?.retired?.get(kind);
      if (sinceMs === undefined || now() - sinceMs >= recheckIntervalMs) return false;
      retire(groupId, kind, sinceMs);
      return true;
    },
    /** What to keep in the project's record. */
    of: (groupId: string): ReadonlyMap<ClusterKind, number> | undefined => found.get(groupId),
  };
}
