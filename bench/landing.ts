import type { CollectorState } from '../src/collect/state.js';
import { prepareClusterView } from '../src/http/cluster-view.js';
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
 * The landing page in this process, from the state a scrape serves: its once-per-refresh work
 * (clusters sorted, status facts copied out; given a copy of the state each time, as a refresh
 * gives a new one) and its render per request (statuses of every cluster, counts, one page of
 * HTML), without the HTTP around it.
 */
export function measureLanding(state: CollectorState, nowMs: number, n: number) {
  const render = () =>
    landingPage({ version: 'bench', telemetryPath: '/metrics', config: {}, state, nowMs }).length;
  const prepare = timed(n, () => prepareClusterView({ ...state }));
  prepareClusterView(state);
  return { clusters: state.clusters.size, bytes: render(), prepare, render: timed(n, render) };
}
