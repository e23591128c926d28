import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { type ApiObserver, RETRY_REASONS } from '../atlas/api.js';
import type { KnownLabels } from '../collect/known-labels.js';
import type { RefreshResult } from '../collect/state.js';
import type { Shard } from '../config/config.js';
import { EVENT_FAMILIES, type EventFamily } from './catalog.js';

export interface BuildInfo {
  version: string;
  revision: string;
}

/**
 * prom-client's default gauges named like counters, which `promtool check metrics` refuses. Each
 * is the sum of its per-type gauge (`sum(nodejs_active_handles)` and so on), so nothing is lost.
 */
const MISNAMED_DEFAULTS = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

/**
 * The exporter's own families that events feed (refreshes, Atlas requests, the build), on a
 * registry of our own, never the global one, so tests can build several exporters; with Node's
 * default process metrics after them.
 */
export function createOwnMetrics(build: BuildInfo, shard: Shard, known: KnownLabels | undefined) {
  const registry = new Registry();
  const options = (family: EventFamily) => ({
    name: family.name,
    help: family.help,
    labelNames: family.labels,
    registers: [registry],
  });
  const f = EVENT_FAMILIES;
  const refreshes = new Counter(options(f.refreshes));
  const apiRequests = new Counter(options(f.apiRequests));
  const apiAuthChallenges = new Counter(options(f.apiAuthChallenges));
  const apiDuration = new Histogram({ ...options(f.apiDuration), buckets: [...f.apiDuration.buckets] });
  const apiRetries = new Counter(options(f.apiRetries));
  const rateLimitRemaining = new Gauge(options(f.rateLimitRemaining));
  const rateLimitCapacity = new Gauge(options(f.rateLimitCapacity));
  const sunset = new Gauge(options(f.sunset));
  new Gauge(options(f.shardIndex)).set(shard.index);
  new Gauge(options(f.shards)).set(shard.total);
  const buildInfo = new Gauge(options(f.buildInfo));
  collectDefaultMetrics({ register: registry });
  for (const name of MISNAMED_DEFAULTS) registry.removeSingleMetric(name);

  // The API counters start at 0 for every label combination known before any request.
  for (const endpoint of known?.endpoints ?? []) {
    for (const reason of RETRY_REASONS) apiRetries.inc({ endpoint, reason }, 0);
  }
  for (const endpoint of known?.challenged ?? []) apiAuthChallenges.inc({ endpoint }, 0);
  buildInfo.set({ version: build.version, revision: build.revision, nodejs_version: process.version }, 1);
  for (const result of ['success', 'partial', 'failure']) refreshes.inc({ result }, 0);

  /** how many events fed the families so far: the same count, the same values */
  let events = 0;
  const observer: ApiObserver = {
    request(endpoint, code, durationSeconds) {
      events++;
      apiRequests.inc({ endpoint, code });
      apiDuration.observe({ endpoint }, durationSeconds);
    },
    challenge(endpoint) {
      events++;
      apiAuthChallenges.inc({ endpoint });
    },
    retry(endpoint, reason) {
      events++;
      apiRetries.inc({ endpoint, reason });
    },
    rateLimitRemaining(endpoint, remaining) {
      events++;
      rateLimitRemaining.set({ endpoint }, remaining);
    },
    rateLimitCapacity(endpoint, capacity) {
      events++;
      rateLimitCapacity.set({ endpoint }, capacity);
    },
    sunset(endpoint, timestampSeconds) {
      events++;
      sunset.set({ endpoint }, timestampSeconds);
    },
  };

  return {
    registry,
    observer,
    refreshed: (result: RefreshResult) => {
      events++;
      refreshes.inc({ result });
    },
    events: () => events,
  };
}
