import type { Gauge } from 'prom-client';
import type { CollectorState } from '../collect/state.js';
import type { Catalog } from './catalog.js';

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

/**
 * Sets a gauge to `ms` in seconds, or leaves it without a sample when `ms` is unknown: a gauge
 * without labels has a sample of 0 from birth, and a data age of 0 would read as "fresh" when
 * nothing was ever collected.
 */
function setSeconds(gauge: Gauge, ms: number | undefined): void {
  if (ms === undefined) gauge.remove();
  else gauge.set(ms / 1000);
}

/** Sets the exporter's own gauges that move between scrapes, in one synchronous step. */
export function fillExporterMetrics({ exporter }: Catalog, state: CollectorState, nowMs: number): void {
  exporter.up.set(state.up ? 1 : 0);
  setSeconds(exporter.lastRefresh, state.lastRefreshEndMs);
  setSeconds(exporter.refreshDuration, state.lastRefreshDurationMs);
  setSeconds(
    exporter.dataAge,
    state.dataTimeMs === undefined ? undefined : Math.max(0, nowMs - state.dataTimeMs),
  );
}
