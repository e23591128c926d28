import type { ServerlessRetired } from '../simulator/options.js';
import type { RefreshResult } from '../src/collect/state.js';
import type { Shard } from '../src/config/config.js';
import type { SeriesComparison } from './series.js';

/**
 * What a bench run reports, declared rather than inferred from the functions that measure it,
 * so the formatters (table.ts, sharded-table.ts) depend on this file, not on the runners.
 */

/** Milliseconds at the 50th and 99th percentile. */
export interface Quantiles {
  p50: number;
  p99: number;
}

/** One size of the unsharded bench (run.ts). */
export interface SizeResult {
  size: string;
  world: {
    serverlessRetired: ServerlessRetired;
    projects: number;
    readableProjects: number;
    flex: number;
    serverless: number;
    dedicated: number;
  };
  cold: {
    result: RefreshResult | undefined;
    requests: number;
    tokenRequests: number;
    minimum: number;
    equal: boolean;
    differences: {
      [k: string]: {
        sent: number;
        minimum: number;
      };
    };
    byEndpoint: Record<string, number>;
    wallMs: number;
    floorMs: number;
    floorMismatchedStatuses: number;
    ratio: number;
    eventLoopP99Ms: number;
    eventLoopMaxMs: number;
  };
  steady: {
    recheckIntervalMs: number;
    warmupMinutes: number;
    requestsPerHour: number;
    tokenRequestsPerHour: number;
    byEndpoint: Record<string, number>;
    refreshesPerHour: number;
    readAllPerRefresh: number;
    readAllPerHour: number;
    readAllByEndpoint: Record<string, number>;
    share: number;
    scheduledEvents: number;
    scheduledSeenWithinTtl: number;
    scheduledMaxDelayMs: number;
    unscheduledEvents: number;
    unscheduledMaxDelayMs: number;
    refreshScrapeP50Ms: number;
    /** the scrapes sent every 100 ms while a sampled refresh ran, timed by their sender */
    scrapeDuringRefreshP50Ms: number;
    scrapeDuringRefreshP99Ms: number;
    scrapeDuringRefreshCount: number;
    scrapeDuringRefreshStatuses: Record<string, number>;
    stepScrapeResets: number;
    /**
     * Of every answer during the sampled refreshes (the step's scrape too), in the exporter's
     * clock: those that joined a refresh from its landing to their answer, those that arrived
     * after it landed their whole time (scrape-tail.ts); those answered before it landed apart.
     */
    exporterWait: {
      joined: number;
      after: number;
      answeredBefore: number;
      p50Ms: number;
      p99Ms: number;
      maxMs: number;
    };
    eventLoopWorstP99Ms: number;
    eventLoopMaxMs: number;
    eventLoopSampledRefreshes: number;
    exporterWarnings: number;
  };
  /** the same sampled warm refreshes in --atlas.refresh-mode background (run.ts, sampleBackground) */
  background: {
    /** its cold refresh, at latency 0 */
    coldMs: number;
    sampledRefreshes: number;
    /** how long scrapes went on after each refresh landed */
    afterLandingMs: number;
    refreshWallP50Ms: number;
    scrapeCount: number;
    scrapeP50Ms: number;
    scrapeP99Ms: number;
    scrapeMaxMs: number;
    scrapeStatuses: Record<string, number>;
  };
  metrics: {
    series: number;
    plainBytes: number;
    gzipBytes: number;
    plain: Quantiles;
    gzip: Quantiles;
    floorPlain: Quantiles;
    floorGzip: Quantiles;
  };
  landing: {
    clusters: number;
    bytes: number;
    render: Quantiles;
    unprepared: Quantiles;
    http: Quantiles;
  };
  memory: {
    gcExposed: boolean;
    rssBeforeExporterMiB: number;
    readingsAfterRefresh: number[];
    /** RSS at rest: after the exporter gave the refresh's memory back (src/release-memory.ts) */
    rssAfterMiB: number[];
    /** the longest event-loop pause while it did so, per reading */
    releasePauseMs: number[];
    rssOverBeforeMiB: number[];
    growth5to10: number;
    growth10to20: number;
    heapAfterMiB: number[];
    heapCommittedAfterMiB: number[];
    /** C++ objects bound to JS, Buffers included */
    externalAfterMiB: number[];
    arrayBuffersAfterMiB: number[];
    /** after the floor's replay (the bench's own requests) and before the steady state */
    afterFloorMiB: { rss: number; heapCommitted: number };
    /** heapCommittedAfterMiB by V8 heap space */
    heapSpacesCommittedAfterMiB: Record<string, number[]>;
    simulatorHeapAfterMiB: number[];
    simulatorRssAfterMiB: number[];
  };
  benchSeconds: number;
}

/** One size run as shards beside one unsharded exporter (sharded.ts). */
export interface ShardedResult {
  size: string;
  shards: number;
  world: {
    serverlessRetired: ServerlessRetired;
    projects: number;
    readableProjects: number;
    flex: number;
    serverless: number;
    dedicated: number;
  };
  scrapeTimeoutMs: number;
  cacheTtlMs: number;
  maxConcurrency: number;
  warmupMinutes: number;
  tokenRequests: {
    cold: number;
    steadyHour: number;
  };
  series: {
    afterCold: SeriesComparison & {
      wholeBytes: number;
      partBytes: number[];
    };
    afterHour: SeriesComparison & {
      wholeBytes: number;
      partBytes: number[];
    };
  };
  columns: {
    name: string;
    shard: Shard;
    world: {
      projects: number;
      readableProjects: number;
      flex: number;
      serverless: number;
      dedicated: number;
    };
    cold: {
      byEndpoint: Record<string, number>;
      wallMs: number;
      floorMs: number | null;
      ratio: number | null;
      eventLoopP99Ms: number;
      eventLoopMaxMs: number;
      requests: number;
      minimum: number;
      equal: boolean;
      differences: {
        [k: string]: {
          sent: number;
          minimum: number;
        };
      };
      result: string | undefined;
    };
    steady: {
      requestsPerHour: number;
      byEndpoint: Record<string, number>;
      refreshesPerHour: number;
      refreshScrapeP50Ms: number;
      idleScrapeP50Ms: number;
      eventLoopP99Ms: number | undefined;
      eventLoopMaxMs: number | undefined;
      warnings: number | undefined;
    };
    memory: {
      rssBeforeExporterMiB: number;
      readingsAfterRefresh: number[];
      /** at rest, as the other sizes' */
      rssAfterMiB: number[];
      releasePauseMs: number[];
      /** from the cold reading to the end of the measured hour */
      peakRssMiB: number;
      heapAfterMiB: number[];
      heapCommittedAfterMiB: number[];
      arrayBuffersAfterMiB: number[];
    };
  }[];
  simulatorRssAfterMiB: number[];
  benchSeconds: number;
}
