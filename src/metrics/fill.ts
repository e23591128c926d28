import type { CollectorState } from '../collect/state.js';
import type { Catalog } from './catalog.js';

const seconds = (ms: number) => ms / 1000;

/** Sets the exporter's own state-derived gauges for this scrape, in one synchronous step. */
export function fillExporterMetrics({ exporter }: Catalog, state: CollectorState, nowMs: number): void {
  exporter.projectCollectSuccess.reset();
  for (const { group, listed } of state.projects.values()) {
    for (const [kind, ok] of listed)
      exporter.projectCollectSuccess.set({ group_id: group.id, cluster_kind: kind }, ok ? 1 : 0);
  }
  exporter.up.set(state.up ? 1 : 0);
  if (state.lastRefreshEndMs !== undefined) exporter.lastRefresh.set(seconds(state.lastRefreshEndMs));
  if (state.lastRefreshDurationMs !== undefined)
    exporter.refreshDuration.set(seconds(state.lastRefreshDurationMs));
  if (state.dataTimeMs !== undefined) exporter.dataAge.set(Math.max(0, seconds(nowMs - state.dataTimeMs)));
}
