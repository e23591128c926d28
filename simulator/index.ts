/** The Atlas simulator: Atlas's wire format on loopback, seeded data, fault knobs. */

export {
  parseRateLimit,
  parseSimulateArgs,
  SIMULATE_FLAGS,
  SIMULATE_USAGE,
  type SimulateArgs,
} from './cli/args.js';
export { describeSimulator, runSimulateCommand, type SimulateIo } from './cli/cli.js';
export type { SimCredentials } from './http/auth.js';
export type { FaultKind, FaultRequest, FaultSpec } from './http/faults.js';
export type { RateLimitOptions } from './http/rate-limit.js';
export type { SimEndpoint } from './http/routes.js';
export { type RequestLogEntry, type Simulator, startSimulator } from './http/server.js';
export type { ServerlessRetired, SimulatorOptions } from './options.js';
export { PROJECT_OWNER } from './resources/compliance-policy.js';
export { ORGANIZATION_BILLING_VIEWER } from './resources/invoices.js';
export { PROJECT_BACKUP_MANAGER } from './resources/resource.js';
export type * from './world/model.js';
export type { ClusterTarget, NewEvent, NewSnapshot } from './world/mutators.js';
export { buildScenario, type Scenario } from './world/scenario.js';
