import type { CollectorState } from '../src/collect/state.js';
import { landingPage } from '../src/http/landing-page.js';
import { percentile } from './stats.js';

/**
 * The landing page rendered in this process from the state a scrape serves, `n` times after a
 * short warm-up: the pure render (statuses of every cluster, counts, one page of HTML) without
 * the HTTP around it. `fresh` hands it a copy of the state each time, as after every refresh,
 * so the page's once-per-state sort of the clusters is paid on every render.
 */
export function measureLanding(state: CollectorState, nowMs: number, n: number) {
  const time = (fresh: boolean) => {
    const render = () =>
      landingPage({
        version: 'bench',
        telemetryPath: '/metrics',
        config: {},
        state: fresh ? { ...state } : state,
        nowMs,
      });
    for (let i = 0; i < 3; i++) render();
    // garbage from the scrapes before is collected first, not in the middle of the series
    (globalThis as { gc?: () => void }).gc?.();
    const ms: number[] = [];
    let bytes = 0;
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      bytes = render().length;
      ms.push(performance.now() - t0);
    }
    return { p50: percentile(ms, 50), p99: percentile(ms, 99), bytes };
  };
  return { clusters: state.clusters.size, fresh: time(true), again: time(false) };
}
