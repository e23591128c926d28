import type { SimulateFlag } from './config/help.js';

/**
 * What the exporter uses of the Atlas simulator (the package in simulator/), and how it loads
 * it: only for `--demo` and `simulate`, by a dynamic import of the build beside this file
 * (dist/simulator/), so a normal start never loads it. test/integration/simulator-port.test.ts
 * checks that the simulator fits this shape.
 */
export interface DemoSimulator {
  readonly url: string;
  readonly credentials: { readonly serviceAccount: { clientId: string; clientSecret: string } };
  /** the scenario's project these credentials cannot read: the demo warns about it on purpose */
  readonly roles: { readonly unreadableProject: { readonly groupName: string } };
  close(): Promise<void>;
}

export interface SimulatorModule {
  startSimulator(options: {
    rateLimit?: { capacity: number; refillMs: number };
    faultRate?: number;
    faultStatuses?: readonly number[];
  }): Promise<DemoSimulator>;
  /** the `simulate` flags, which `--help` lists too */
  readonly SIMULATE_FLAGS: readonly SimulateFlag[];
  /** `atlas-backup-exporter simulate …`; resolves with the exit code */
  runSimulateCommand(argv: readonly string[]): Promise<number>;
}

export async function loadSimulator(): Promise<SimulatorModule> {
  return (await import(new URL('./simulator/index.js', import.meta.url).href)) as SimulatorModule;
}
