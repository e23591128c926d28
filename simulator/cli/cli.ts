import { type Simulator, startSimulator } from '../http/server.js';
import { parseSimulateArgs } from './args.js';

export interface SimulateIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** resolves when the simulator should stop; default SIGTERM or SIGINT */
  untilStopped: (sim: Simulator) => Promise<unknown>;
}

const processIo: SimulateIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  untilStopped: () =>
    new Promise((resolve) => {
      process.once('SIGTERM', resolve);
      process.once('SIGINT', resolve);
    }),
};

/** Lines a user can paste into a shell to point the exporter at the simulator. */
export function describeSimulator(sim: Simulator): string {
  const { serviceAccount, apiKey } = sim.credentials;
  return [
    `Atlas simulator listening on ${sim.url}`,
    `MONGODB_ATLAS_BASE_URL=${sim.url}`,
    `MONGODB_ATLAS_CLIENT_ID=${serviceAccount.clientId}`,
    `MONGODB_ATLAS_CLIENT_SECRET=${serviceAccount.clientSecret}`,
    `MONGODB_ATLAS_PUBLIC_API_KEY=${apiKey.publicKey}`,
    `MONGODB_ATLAS_PRIVATE_API_KEY=${apiKey.privateKey}`,
    `MONGODB_ATLAS_ORG_ID=${sim.orgId}`,
    '',
  ].join('\n');
}

/** `atlas-backup-exporter simulate …`: runs until stopped; returns the exit code (0, 1 runtime, 2 bad flags). */
export async function runSimulateCommand(
  argv: readonly string[],
  io: SimulateIo = processIo,
): Promise<number> {
  const parsed = parseSimulateArgs(argv);
  if (parsed.kind === 'help') {
    io.stdout(parsed.text);
    return 0;
  }
  if (parsed.kind === 'error') {
    for (const line of parsed.errors) io.stderr(`${line}\n`);
    return 2;
  }
  let sim: Simulator;
  try {
    sim = await startSimulator(parsed.options);
  } catch (err) {
    io.stderr(`simulate: cannot listen: ${(err as Error).message}\n`);
    return 1;
  }
  io.stdout(describeSimulator(sim));
  await io.untilStopped(sim);
  await sim.close();
  return 0;
}
