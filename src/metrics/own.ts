import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { ApiObserver } from '../atlas/api.js';
import type { RefreshResult } from '../collect/state.js';
import type { Shard } from '../config/config.js';
import { EVENT_FAMILIES, type EventFamily } from './catalog.js';

export interface BuildInfo {
  version: string;
  revision: string;
}

/**
 * The exporter's own families that events feed (refreshes, Atlas requests, the build), on a
 * registry of our own, never the global one, so tests can build several exporters; with Node's
 * default process metrics after them.
 */
export function createOwnMetrics(build: BuildInfo, shard: Shard) {
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
  const apiDuration = new Histogram({ ...options(f.apiDuration), buckets: [...f.apiDuration.buckets] });
  const apiRetries = new Counter(options(f.apiRetries));
  const rateLimitRemaining = new Gauge(options(f.rateLimitRemaining));
  const sunset = new Gauge(options(f.sunset));
  const shardIndex = new Gauge(options(f.shardIndex));
  const shardCount = new Gauge(options(f.shardCount));
  const buildInfo = new Gauge(options(f.buildInfo));
  collectDefaultMetrics({ register: registry });

  shardIndex.set(shard.index);
  shardCount.set(shard.total);
  buildInfo.set({ version: build.version, revision: build.revision, nodejs_version: process.version }, 1);
  for (const result of ['success', 'partial', 'failure']) refreshes.inc({ result }, 0);

  const observer: ApiObserver = {
    request(endpoint, code, durationSeconds) {
      apiRequests.inc({ endpoint, code });
      apiDuration.observe({ endpoint }, durationSeconds);
    },
    retry(endpoint, reason) {
      apiRetries.inc({ endpoint, reason });
    },
    rateLimitRemaining(endpoint, remaining) {
      rateLimitRemaining.set({ endpoint }, remaining);
    },
    sunset(endpoint, timestampSeconds) {
      sunset.set({ endpoint }, timestampSeconds);
    },
  };

  return {
    registry,
    observer,
    refreshed: (result: RefreshResult) => refreshes.inc({ result }),
  };
}
