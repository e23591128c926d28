import type { SimCredentials } from '../simulator/index.js';
import type { ColdRefresh, ExporterProcessInit, LoopDelay, RestingMemory } from './exporter-process.js';
import { forkRpc } from './rpc.js';

/** The bench's handle on an exporter in a process of its own (`bench/exporter-process.ts`). */
export interface ExporterClient {
  /** starts the exporter at the clock's time and waits for its first (cold) refresh */
  start(): Promise<ColdRefresh>;
  setNow(ms: number): Promise<void>;
  lastRefreshEndMs(): Promise<number | undefined>;
  /** once it gave the last refresh's memory back (stats.ts atRest), after a GC in its process */
  memoryAtRest(cold?: boolean): Promise<RestingMemory>;
  /** its highest RSS since the cold reading, bytes */
  peakRss(): Promise<number>;
  loopStart(): Promise<void>;
  loopStop(): Promise<LoopDelay>;
  /** log lines at warn and above so far */
  warnings(): Promise<number>;
  close(): Promise<void>;
}

export async function startExporterProcess(
  atlasUrl: string,
  credentials: SimCredentials,
  flags: string[],
  nowMs: number,
): Promise<ExporterClient> {
  const init: ExporterProcessInit = { atlasUrl, credentials, flags, nowMs };
  const rpc = await forkRpc<boolean>(new URL('./exporter-process.js', import.meta.url), init);
  return {
    start: () => rpc.call('start'),
    setNow: (ms) => rpc.call('setNow', ms),
    lastRefreshEndMs: () => rpc.call('lastRefreshEndMs'),
    memoryAtRest: (cold = false) => rpc.call('memoryAtRest', cold),
    peakRss: () => rpc.call('peakRss'),
    loopStart: () => rpc.call('loopStart'),
    loopStop: () => rpc.call('loopStop'),
    warnings: () => rpc.call('warnings'),
    close: () => rpc.close(),
  };
}
