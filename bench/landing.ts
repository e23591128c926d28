import type { CollectorState } from '../src/collect/state.js';
import { landingPage } from '../src/http/landing-page.js';
import { percentile } from './stats.js';

/** p50 and p99 of `n` timed calls after 3 untimed ones, the garbage of earlier steps collected first. */
function timed(n: number, call: () => void) {
  for (let i = 0; i < 3; i++) call();
  (globalThis as { gc?: () => void }).gc?.();
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    call();
    ms.push(performance.now() - t0);
  }
  return { p50: percentile(ms, 50), p99: percentile(ms, 99) };
}

/**
 * The landing page rendered in this process from the state a scrape serves, without the HTTP
 * around it: the first view after a refresh (a copy of the state each time, as a refresh brings
 * a new one, so the once-per-state sort and copy of the facts is paid) and a later view of the
 * same state (every cluster's status, the counts, one page of HTML).
 */
export function measureLanding(state: CollectorState, nowMs: number, n: number) {
  const render = (s: CollectorState) =>
    landingPage({ version: 'bench', telemetryPath: '/metrics', config: {}, state: s, nowMs }).length;
  return {
    clusters: state.clusters.size,
    bytes: render(state),
    first: timed(n, () => render({ ...state })),
    again: timed(n, () => render(state)),
  };
}
