import { collectDefaultMetrics, Registry } from 'prom-client';
import type { ApiObserver } from '../atlas/api.js';
import type { CollectorState } from '../collect/state.js';
import { type Catalog, createCatalog } from './catalog.js';
import { CONTENT_TYPES, type ExpositionFormat, encode } from './exposition.js';
import { fillMetrics } from './fill.js';

export interface BuildInfo {
  version: string;
  revision: string;
}

/** The API metrics, fed by the Atlas client as requests happen. */
export function apiObserver(catalog: Catalog): ApiObserver {
  const { exporter } = catalog;
  return {
    request(endpoint, code, durationSeconds) {
      exporter.apiRequests.inc({ endpoint, code });
      exporter.apiDuration.observe({ endpoint }, durationSeconds);
    },
    retry(endpoint, reason) {
      exporter.apiRetries.inc({ endpoint, reason });
    },
    rateLimitRemaining(endpoint, remaining) {
      exporter.rateLimitRemaining.set({ endpoint }, remaining);
    },
    sunset(endpoint, timestampSeconds) {
      exporter.sunset.set({ endpoint }, timestampSeconds);
    },
  };
}

/** Our own registry, never prom-client's global one, so tests can build several exporters. */
export function createMetrics(options: { cacheTtl: string; snapshotDetails: boolean; build: BuildInfo }) {
  const registry = new Registry();
  const catalog = createCatalog(registry, options.cacheTtl, options.snapshotDetails);
  collectDefaultMetrics({ register: registry });
  catalog.exporter.buildInfo.set(
    { version: options.build.version, revision: options.build.revision, nodejs_version: process.version },
    1,
  );

  /** Fills the backup series from `state` (synchronously, whole) and encodes them. */
  async function render(format: ExpositionFormat, state: CollectorState, nowMs: number) {
    fillMetrics(catalog, state, nowMs);
    return { contentType: CONTENT_TYPES[format], body: await encode(registry, format) };
  }

  return { catalog, observer: apiObserver(catalog), render };
}

export type Metrics = ReturnType<typeof createMetrics>;
