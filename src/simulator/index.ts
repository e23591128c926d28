/** The Atlas simulator: Atlas's wire format on loopback, seeded data, fault knobs. */
export type { SimCredentials } from './auth.js';
export { describeSimulator, runSimulateCommand, type SimulateIo } from './cli.js';
export { parseSimulateArgs, SIMULATE_USAGE, type SimulateArgs } from './cli-args.js';
export { parseDuration, parseRateLimit } from './duration.js';
export type { FaultKind, FaultRequest, FaultSpec } from './faults.js';
export type * from './model.js';
export type { ClusterTarget, NewSnapshot } from './mutators.js';
export type { SimulatorOptions } from './options.js';
export type { RateLimitOptions } from './rate-limit.js';
export type { SimEndpoint } from './routes.js';
export { buildScenario, type Scenario } from './scenario.js';
export { type RequestLogEntry, type Simulator, startSimulator } from './server.js';
