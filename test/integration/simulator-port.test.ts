import { describe, expect, it } from 'vitest';
import * as simulator from '../../simulator/index.js';
import type { SimulatorModule } from '../../src/simulator-port.js';

describe('the port the exporter loads the simulator through', () => {
  it('is what the simulator exports', async () => {
    // The assignment is the check that matters: tsc fails it when the two drift apart.
    const port: SimulatorModule = simulator;
    const sim = await port.startSimulator({ faultRate: 0 });
    try {
      expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(sim.credentials.serviceAccount.clientId).not.toBe('');
    } finally {
      await sim.close();
    }
  });
});
