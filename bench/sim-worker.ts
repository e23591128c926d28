// The simulator in its own thread, so its work does not show up in the exporter's event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { type SimulatorOptions, startSimulator } from '../src/simulator/index.js';
import { sharedClock } from './clock.js';
import { applyDue, arrangeEvents, type BackupEvent } from './events.js';
import { minimumRequests, worldShape } from './minimum.js';

export interface SimWorkerData {
  options: Omit<SimulatorOptions, 'now'>;
  clock: SharedArrayBuffer;
  /** events due this long after the start, in the shared clock's time */
  events: { fromMs: number; toMs: number; count: number; unscheduled: number };
}

const data = workerData as SimWorkerData;
const clock = sharedClock(data.clock);
const sim = await startSimulator({ ...data.options, now: clock.now });
const startMs = clock.now();
const events: BackupEvent[] = arrangeEvents(
  sim.world,
  { fromMs: startMs + data.events.fromMs, toMs: startMs + data.events.toMs },
  data.events.count,
  data.events.unscheduled,
);

const ops: Record<string, (arg: unknown) => unknown> = {
  requests: () => sim.requests,
  resetRequests: () => sim.resetRequests(),
  minimum: () => minimumRequests(sim.world),
  shape: () => worldShape(sim.world),
  setLatency: (ms) => sim.setLatencyMs(ms as number),
  events: () => events,
  tick: () => applyDue(sim.world, sim, events, clock.now()),
  heapUsed: () => process.memoryUsage().heapUsed,
  close: () => sim.close(),
};

const port = parentPort;
if (!port) throw new Error('sim-worker runs as a worker thread');
port.on('message', async (msg: { id: number; op: string; arg?: unknown }) => {
  const op = ops[msg.op];
  try {
    if (!op) throw new Error(`unknown op ${msg.op}`);
    port.postMessage({ id: msg.id, result: await op(msg.arg) });
  } catch (err) {
    port.postMessage({ id: msg.id, error: String(err) });
  }
  if (msg.op === 'close') port.close();
});
port.postMessage({ ready: true, url: sim.url, credentials: sim.credentials });
