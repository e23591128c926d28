import type { AnyCollector } from '../collectors/collector.js';
import type { ClusterKind } from '../config/kinds.js';
import type { ChangeEvents, Kind } from '../kinds/kind.js';

/** What the project events tell of one kind's lists. */
export type KindEvents = { readonly events?: ChangeEvents };

/**
 * Each kind's change events: those of its cluster list, and those that tell the enabled
 * collectors' lists of it changed (dedicated on-demand snapshots).
 */
export function changeEvents(
  kinds: Readonly<Record<ClusterKind, Kind>>,
  collectors: readonly AnyCollector[],
): Record<ClusterKind, KindEvents> {
  const of = (kind: ClusterKind): KindEvents => {
    const clusters = kinds[kind].events?.clusters;
    const lists = collectors.flatMap((c) => c.changeEvents?.[kind] ?? []);
    if (!clusters) return {};
    return { events: lists.length > 0 ? { clusters, snapshots: lists } : { clusters } };
  };
  return { flex: of('flex'), serverless: of('serverless'), dedicated: of('dedicated') };
}
