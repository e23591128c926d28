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
 * The landing page rendered in this process from the state a scrape serves, without the HTTP
 * around it: on a state prepared as a refresh prepares it (every cluster's status, the counts,
 * one page of HTML), and on a state not yet prepared (a copy of the state each time, as a
 * refresh brings a new one), where the request does the once-per-state work itself.
 */
export async function measureLanding(state: CollectorState, nowMs: number, n: number) {
  const render = (s: CollectorState) =>
    landingPage({
      version: 'bench',
      telemetryPath: '/metrics',
      config: {},
      state: s,
      nowMs,
      eventsLookbackMs: 7 * 86_400_000,
    }).length;
  await prepareClusterView(state);
  return {
    clusters: state.clusters.size,
    bytes: render(state),
    prepared: timed(n, () => render(state)),
    unprepared: timed(n, () => render({ ...state })),
  };
}
