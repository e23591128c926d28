import type { CollectorState } from '../src/collect/state.js';
import { landingPage } from '../src/http/landing-page.js';
import { percentile } from './stats.js';

/**
 * The landing page rendered in this process from the state a scrape serves, `n` times after a
 * short warm-up: the pure render (statuses of every cluster, counts, sort, one page of HTML),
 * without the HTTP around it. The last page is timed too: it holds the quiet rows of the sort.
 */
export function measureLanding(state: CollectorState, nowMs: number, n: number) {
  const render = (page: string) =>
    landingPage({ version: 'bench', telemetryPath: '/metrics', config: {}, state, nowMs, query: { page } });
  const time = (page: string) => {
    for (let i = 0; i < 3; i++) render(page);
    const ms: number[] = [];
    let bytes = 0;
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      bytes = render(page).length;
      ms.push(performance.now() - t0);
    }
    return { p50: percentile(ms, 50), p99: percentile(ms, 99), bytes };
  };
  return { clusters: state.clusters.size, first: time('1'), last: time(String(Number.MAX_SAFE_INTEGER)) };
}
