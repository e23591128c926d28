import { Worker } from 'node:worker_threads';
import type { RequestLogEntry, SimCredentials } from '../src/simulator/index.js';
import type { BackupEvent } from './events.js';
import type { EndpointCounts, worldShape } from './minimum.js';
import type { SimWorkerData } from './sim-worker.js';

/** The main thread's handle on the simulator worker. */
export interface SimClient {
  readonly url: string;
  readonly credentials: SimCredentials;
  requests(): Promise<RequestLogEntry[]>;
  resetRequests(): Promise<void>;
  minimum(): Promise<EndpointCounts>;
  shape(): Promise<ReturnType<typeof worldShape>>;
  setLatency(ms: number): Promise<void>;
  events(): Promise<BackupEvent[]>;
  /** applies the events due by the shared clock; returns those whose final state is listed now */
  tick(): Promise<BackupEvent[]>;
  /** the simulator thread's V8 heap in use */
  heapUsed(): Promise<number>;
  close(): Promise<void>;
}

export async function startSimWorker(data: SimWorkerData): Promise<SimClient> {
  const worker = new Worker(new URL('./sim-worker.js', import.meta.url), { workerData: data });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  const ready = new Promise<{ url: string; credentials: SimCredentials }>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (msg: { ready?: boolean; id?: number; result?: unknown; error?: string }) => {
      if (msg.ready) return resolve(msg as unknown as { url: string; credentials: SimCredentials });
      const waiter = pending.get(msg.id ?? -1);
      pending.delete(msg.id ?? -1);
      if (msg.error) waiter?.reject(new Error(msg.error));
      else waiter?.resolve(msg.result);
    });
  });
  const { url, credentials } = await ready;
  const call = <T>(op: string, arg?: unknown) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ id, op, arg });
    });
  return {
    url,
    credentials,
    requests: () => call('requests'),
    resetRequests: () => call('resetRequests'),
    minimum: () => call('minimum'),
    shape: () => call('shape'),
    setLatency: (ms) => call('setLatency', ms),
    events: () => call('events'),
    tick: () => call('tick'),
    heapUsed: () => call('heapUsed'),
    async close() {
      await call('close');
      await worker.terminate();
    },
  };
}
