import type { CollectorState } from '../collect/state.js';
import type { Catalog } from './catalog.js';

const seconds = (ms: number) => ms / 1000;

/**
 * Sets the per-project gauges of a state. They change only when a refresh lands, and setting
 * hundreds of labelled gauges costs a few milliseconds, so it is done once per state, not per scrape.
 */
export function fillProjectMetrics({ exporter }: Catalog, state: CollectorState): void {
  exporter.projectCollectSuccess.reset();
  for (const { group, listed } of state.projects.values()) {
    for (const [kind, ok] of listed)
      exporter.projectCollectSuccess.set({ group_id: group.id, cluster_kind: kind }, ok ? 1 : 0);
  }
}

/** Sets the exporter's own gauges that move between scrapes, in one synchronous step. */
export function fillExporterMetrics({ exporter }: Catalog, state: CollectorState, nowMs: number): void {
  exporter.up.set(state.up ? 1 : 0);
  if (state.lastRefreshEndMs !== undefined) exporter.lastRefresh.set(seconds(state.lastRefreshEndMs));
  if (state.lastRefreshDurationMs !== undefined)
    exporter.refreshDuration.set(seconds(state.lastRefreshDurationMs));
  if (state.dataTimeMs !== undefined) exporter.dataAge.set(Math.max(0, seconds(nowMs - state.dataTimeMs)));
}
