// One exporter in a child process of its own, for the sharded sizes: four shards and an unsharded
// exporter side by side, each with its own memory and event loop, measured apart. The bench process
// only orchestrates. Its clock stands at the time the bench last sent, from before its first read.
import { type ELDHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import type { SimCredentials } from '../simulator/index.js';
import { benchClock } from './clock.js';
import { type BenchExporter, startBenchExporter } from './exporter.js';
import { serveRpc } from './rpc.js';
import { atRest, peakRss, resetPeakRss, round } from './stats.js';

export interface ExporterProcessInit {
  atlasUrl: string;
  credentials: SimCredentials;
  flags: string[];
  nowMs: number;
}

export interface ProcessMemory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  arrayBuffers: number;
}

/** Memory once the exporter gave the last refresh's memory back, and that release's pause. */
export interface RestingMemory extends ProcessMemory {
  releasePauseMs: number;
}

/** p99 and max of an event-loop monitor, ms */
export interface LoopDelay {
  p99Ms: number;
  maxMs: number;
}

export interface ColdRefresh {
  url: string;
  telemetryPath: string;
  maxConcurrency: number;
  cacheTtlMs: number;
  recheckIntervalMs: number;
  wallMs: number;
  result: string | undefined;
  loop: LoopDelay;
  /** RSS after a GC before the exporter started: Node and the bench's modules */
  rssBefore: number;
}

function memory(): ProcessMemory {
  (globalThis as { gc?: () => void }).gc?.();
  const { rss, heapUsed, heapTotal, arrayBuffers } = process.memoryUsage();
  return { rss, heapUsed, heapTotal, arrayBuffers };
}

const delay = (h: ELDHistogram): LoopDelay => ({
  p99Ms: round(h.percentile(99) / 1e6),
  maxMs: round(h.max / 1e6),
});

await serveRpc<ExporterProcessInit>(async (init) => {
  const clock = benchClock();
  const setNow = (ms: number) => {
    clock.freeze();
    clock.advance(ms - clock.now());
  };
  setNow(init.nowMs);
  let bench: BenchExporter | undefined;
  let loop: ELDHistogram | undefined;
  const started = () => {
    if (!bench) throw new Error('start first');
    return bench;
  };
  return {
    ready: true,
    ops: {
      /** starts the exporter and waits for its first refresh */
      async start(): Promise<ColdRefresh> {
        const rssBefore = memory().rss;
        const cold = monitorEventLoopDelay({ resolution: 5 });
        cold.enable();
        const t0 = performance.now();
        bench = await startBenchExporter(init.atlasUrl, init.credentials, clock.now, init.flags);
        await bench.exporter.collector.refreshNow();
        const wallMs = performance.now() - t0;
        cold.disable();
        const { config, exporter } = bench;
        return {
          url: exporter.url,
          telemetryPath: config.web.telemetryPath,
          maxConcurrency: config.atlas.maxConcurrency,
          cacheTtlMs: config.atlas.cacheTtlMs,
          recheckIntervalMs: config.atlas.snapshotRecheckIntervalMs,
          wallMs,
          result: exporter.collector.state().lastResult,
          loop: delay(cold),
          rssBefore,
        };
      },
      setNow: (ms) => setNow(ms as number),
      lastRefreshEndMs: () => started().exporter.collector.state().lastRefreshEndMs,
      memoryAtRest: async (cold: unknown): Promise<RestingMemory> => {
        const releasePauseMs = await atRest(cold === true);
        const reading = { ...memory(), releasePauseMs };
        // the peak (peakRss) counts from the first reading on
        if (cold === true) resetPeakRss();
        return reading;
      },
      peakRss,
      /** watches the event loop from now until `loopStop` */
      loopStart: () => {
        loop = monitorEventLoopDelay({ resolution: 5 });
        loop.enable();
      },
      loopStop: () => {
        if (!loop) throw new Error('loopStart first');
        loop.disable();
        return delay(loop);
      },
      warnings: () => started().warnings.length,
      close: () => bench?.exporter.close(),
    },
  };
});
