import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { Collector } from '../collect/collector.js';
import { type CollectorState, EMPTY_STATE } from '../collect/state.js';
import { DEFAULT_COLLECTORS } from '../collectors/test-readings.js';
import { createMetrics } from '../metrics/metrics.js';
import { createApp, scrapeWaitMs } from './app.js';

const nowMs = 1_800_000_000_000;
/** a refreshed state whose data is `ageS` seconds old: data_age_seconds tells which page is served */
const refreshed = (ageS: number): CollectorState => ({
  ...EMPTY_STATE,
  up: true,
  lastRefreshEndMs: nowMs - ageS * 1000,
  dataTimeMs: nowMs - ageS * 1000,
});

/**
 * An exporter's /metrics whose next refresh lands when a scrape asks (`land`): the collector's
 * own part is stood in for, the page and the handler are the real ones.
 */
async function scrapeAsRefreshLands(land: { state: CollectorState; whileScrapeWaits: boolean }) {
  const metrics = createMetrics({
    cacheTtl: '5m',
    collectors: DEFAULT_COLLECTORS,
    build: { version: '1', revision: 'r' },
  });
  let current = refreshed(30);
  let landing = false;
  const collector = {
    state: () => current,
    ready: () => true,
    async beforeScrape() {
      if (!landing) return;
      // the refresh lands now, so its page is under way when the scrape asks for one
      metrics.refreshed('success', land.state);
      if (land.whileScrapeWaits) current = land.state;
    },
  } as unknown as Collector;
  const app = createApp({
    telemetryPath: '/metrics',
    version: '1',
    describedConfig: {},
    eventsLookbackMs: 0,
    collector,
    metrics,
    logger: pino({ level: 'silent' }),
    now: () => nowMs,
  });
  const server = createServer(app).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
  try {
    await (await fetch(url)).text();
    await metrics.prepare(current).backup; // the first page, of the state before
    landing = true;
    // landed before the scrape began: fresh data, nothing to wait for
    if (!land.whileScrapeWaits) current = land.state;
    return await (await fetch(url)).text();
  } finally {
    server.close();
  }
}

describe('/metrics while the page of a refresh that landed is built', () => {
  it('serves a scrape that found fresh data the previous page at once', async () => {
    const body = await scrapeAsRefreshLands({ state: refreshed(5), whileScrapeWaits: false });
    expect(body).toContain('mongodbatlas_exporter_data_age_seconds 30\n');
  });

  it('gives a scrape that waited for the refresh that refresh’s page', async () => {
    const body = await scrapeAsRefreshLands({ state: refreshed(5), whileScrapeWaits: true });
    expect(body).toContain('mongodbatlas_exporter_data_age_seconds 5\n');
  });
});

describe('scrapeWaitMs', () => {
  it('leaves a margin of a tenth of Prometheus’s scrape timeout, at least 250 ms', () => {
    expect(scrapeWaitMs('10')).toBe(9000);
    expect(scrapeWaitMs('1')).toBe(750);
    expect(scrapeWaitMs('0.2')).toBe(0);
  });

  it('waits 10 s without a usable header', () => {
    for (const header of [undefined, '', 'soon', '-3', '0']) expect(scrapeWaitMs(header)).toBe(10_000);
  });
});
