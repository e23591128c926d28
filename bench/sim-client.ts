import type { RequestLogEntry, SimCredentials } from '../simulator/index.js';
import type { Shard } from '../src/config/config.js';
import type { BackupEvent } from './events.js';
import type { EndpointCounts, worldShape } from './minimum.js';
import { clientEnv, forkRpc } from './rpc.js';
import type { SimProcessInit } from './sim-process.js';

/** The bench's handle on the simulator process. */
export interface SimClient {
  readonly url: string;
  readonly credentials: SimCredentials;
  requests(): Promise<RequestLogEntry[]>;
  resetRequests(): Promise<void>;
  /** with these collectors switched on (`--collector.<name>`); of one shard's projects (and the whole groups list) */
  minimum(collectors: readonly string[], shard?: Shard): Promise<EndpointCounts>;
  /** of the world, or of one shard's projects */
  shape(shard?: Shard): Promise<ReturnType<typeof worldShape>>;
  setLatency(ms: number): Promise<void>;
  /** stops the simulator's clock at `ms` (the bench clock's time) */
  setNow(ms: number): Promise<void>;
  events(): Promise<BackupEvent[]>;
  /** sets the clock to `ms`, applies the events due by then; returns those whose final state is listed now */
  tick(ms: number): Promise<BackupEvent[]>;
  /** the simulator process's V8 heap in use */
  heapUsed(): Promise<number>;
  /** the simulator process's RSS after a GC */
  rss(): Promise<number>;
  close(): Promise<void>;
}

export async function startSimProcess(init: SimProcessInit): Promise<SimClient> {
  const rpc = await forkRpc<{ url: string; credentials: SimCredentials }>(
    new URL('./sim-process.js', import.meta.url),
    init,
    clientEnv(),
  );
  const { url, credentials } = rpc.ready;
  return {
    url,
    credentials,
    requests: () => rpc.call('requests'),
    resetRequests: () => rpc.call('resetRequests'),
    minimum: (collectors, shard) => rpc.call('minimum', { collectors, shard }),
    shape: (shard) => rpc.call('shape', shard),
    setLatency: (ms) => rpc.call('setLatency', ms),
    setNow: (ms) => rpc.call('setNow', ms),
    events: () => rpc.call('events'),
    tick: (ms) => rpc.call('tick', ms),
    heapUsed: () => rpc.call('heapUsed'),
    rss: () => rpc.call('rss'),
    close: () => rpc.close(),
  };
}
