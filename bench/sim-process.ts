// The simulator in a child process of its own, so that neither its work nor its memory shows up in
// the exporter's process. Its clock follows the wall clock (as the bench's does) until the bench
// sets it, then stands at the time the bench last sent (`setNow`, or `tick`'s argument).
import { type SimulatorOptions, startSimulator } from '../simulator/index.js';
import type { Shard } from '../src/config/config.js';
import { ownsProject } from '../src/resources/projects/shard.js';
import { benchClock } from './clock.js';
import { takeDailyFlexSnapshots } from './daily.js';
import { applyDue, arrangeEvents, type BackupEvent } from './events.js';
import { minimumRequests, worldShape } from './minimum.js';
import { serveRpc } from './rpc.js';

export interface SimProcessInit {
  options: Omit<SimulatorOptions, 'now'>;
  /** events due this long after the start, in the bench clock's time */
  events: { fromMs: number; toMs: number; count: number; unscheduled: number };
}

await serveRpc<SimProcessInit>(async (data) => {
  const clock = benchClock();
  const setNow = (ms: number) => {
    clock.freeze();
    clock.advance(ms - clock.now());
  };
  const sim = await startSimulator({ ...data.options, now: clock.now });
  const startMs = clock.now();
  const events: BackupEvent[] = arrangeEvents(
    sim.world,
    { fromMs: startMs + data.events.fromMs, toMs: startMs + data.events.toMs },
    data.events.count,
    data.events.unscheduled,
    Boolean(data.options.serverlessRetired),
  );
  return {
    ready: { url: sim.url, credentials: sim.credentials },
    ops: {
      requests: () => sim.requests,
      resetRequests: () => sim.resetRequests(),
      minimum: (arg) => {
        const { collectors, shard } = arg as { collectors: readonly string[]; shard?: Shard };
        const owns = (groupId: string) => !shard || ownsProject(shard, groupId);
        return minimumRequests(sim.world, Boolean(data.options.serverlessRetired), 500, collectors, owns);
      },
      shape: (shard) => worldShape(sim.world, (id) => !shard || ownsProject(shard as Shard, id)),
      setLatency: (ms) => sim.setLatencyMs(ms as number),
      setNow: (ms) => setNow(ms as number),
      events: () => events,
      tick: (ms) => {
        setNow(ms as number);
        takeDailyFlexSnapshots(sim.world, sim, events, clock.now());
        return applyDue(sim.world, sim, events, clock.now());
      },
      heapUsed: () => process.memoryUsage().heapUsed,
      rss: () => {
        (globalThis as { gc?: () => void }).gc?.();
        return process.memoryUsage().rss;
      },
      close: () => sim.close(),
    },
  };
});
