import type { SimulatorOptions } from '../simulator/index.js';
import { startSimProcess } from './sim-client.js';

/** The worlds the bench and its probes run against. */
export const SIZES: Record<string, SimulatorOptions> = {
  S: { projects: 10, clusters: 10 },
  M: { projects: 100, clusters: 20 },
  L: { projects: 200, clusters: 25, serverless: 100, dedicated: 100 },
  // Not in the default --sizes: 20 minutes or more; run as shards (SHARDED) and unsharded.
  XL: { projects: 1000, clusters: 25, serverless: 0, dedicated: 500 },
};

/** A size's world for a probe: latency 0, serverless retired, no scheduled events. */
export function startProbeWorld(size: SimulatorOptions) {
  return startSimProcess({
    options: { ...size, serverlessRetired: 'gone', latencyMs: 0 },
    events: { fromMs: 0, toMs: 0, count: 0, unscheduled: 0 },
  });
}
