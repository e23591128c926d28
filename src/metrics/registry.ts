import { gzipSync } from 'node:zlib';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { ApiObserver } from '../atlas/api.js';
import type { CollectorState } from '../collect/state.js';
import { AGE_FAMILY, type BackupText, renderBackupText } from './backup-text.js';
import { type Catalog, createCatalog } from './catalog.js';
import { CONTENT_TYPES, type ExpositionFormat, encode, escapeHelp, formatValue } from './exposition.js';
import { fillExporterMetrics } from './fill.js';

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

function ageText(ages: BackupText['ages'], nowMs: number, cacheTtl: string): string {
  const help = `Seconds since the newest completed snapshot, computed when /metrics is rendered. Cached for --atlas.cache-ttl (${cacheTtl}).`;
  const lines = [`# HELP ${AGE_FAMILY} ${escapeHelp(help)}`, `# TYPE ${AGE_FAMILY} gauge`];
  const nowS = nowMs / 1000;
  for (const [labels, time] of ages)
    lines.push(`${AGE_FAMILY}{${labels}} ${formatValue(Math.max(0, nowS - time))}`);
  return `${lines.join('\n')}\n`;
}

/**
 * The /metrics body. The backup series change only when a refresh lands, so their text and its
 * gzip are made once per refresh (per state object) and reused; each scrape adds only what moves
 * between scrapes: the ages and the exporter's own metrics from our prom-client registry (never
 * the global one, so tests can build several exporters). Gzip members concatenate into one valid
 * stream (RFC 1952), so the cached part is never compressed twice.
 */
export function createMetrics(options: { cacheTtl: string; snapshotDetails: boolean; build: BuildInfo }) {
  const registry = new Registry();
  const catalog = createCatalog(registry);
  collectDefaultMetrics({ register: registry });
  catalog.exporter.buildInfo.set(
    { version: options.build.version, revision: options.build.revision, nodejs_version: process.version },
    1,
  );
  let cache: { state: CollectorState; backup: BackupText; gzipped?: Buffer } | undefined;

  /** The cached backup text of this state, and this scrape's part, filled in one synchronous step. */
  async function parts(format: ExpositionFormat, state: CollectorState, nowMs: number) {
    if (cache?.state !== state) {
      cache = { state, backup: renderBackupText(state, options.cacheTtl, options.snapshotDetails) };
    }
    const cached = cache;
    fillExporterMetrics(catalog, state, nowMs);
    const perScrape = ageText(cached.backup.ages, nowMs, options.cacheTtl) + (await encode(registry, format));
    return { cached, perScrape, contentType: CONTENT_TYPES[format] };
  }

  async function render(format: ExpositionFormat, state: CollectorState, nowMs: number) {
    const { cached, perScrape, contentType } = await parts(format, state, nowMs);
    return { contentType, body: cached.backup.text + perScrape };
  }

  async function renderGzip(format: ExpositionFormat, state: CollectorState, nowMs: number) {
    const { cached, perScrape, contentType } = await parts(format, state, nowMs);
    cached.gzipped ??= gzipSync(cached.backup.text);
    return { contentType, body: Buffer.concat([cached.gzipped, gzipSync(perScrape)]) };
  }

  return { catalog, observer: apiObserver(catalog), render, renderGzip };
}

export type Metrics = ReturnType<typeof createMetrics>;
