import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from '../e2e/processes.js';

/** Debian's tinyproxy: a real forward proxy (CONNECT and plain forwarding) for the egress tests. */
export const TINYPROXY = '/usr/bin/tinyproxy';

export interface TinyproxyOptions {
  /** require this user and password (BasicAuth) */
  auth?: { user: string; password: string };
  /** allow CONNECT to this port only: a tunnel anywhere else is refused with 403 */
  connectPort?: number;
}

export interface Tinyproxy {
  /** http://127.0.0.1:port, without credentials */
  readonly url: string;
  readonly port: number;
  /** the request lines the proxy logged, e.g. `CONNECT 127.0.0.1:4431 HTTP/1.1` */
  requests(): string[];
  close(): Promise<void>;
}

/** Starts tinyproxy on loopback with a config of its own in a temporary folder. */
export async function startTinyproxy(options: TinyproxyOptions = {}): Promise<Tinyproxy> {
  const dir = mkdtempSync(join(tmpdir(), 'tinyproxy-'));
  const port = await freePort();
  const log = join(dir, 'tinyproxy.log');
  const config = [
    `Port ${port}`,
    'Listen 127.0.0.1',
    'Timeout 30',
    `LogFile "${log}"`,
    'LogLevel Connect',
    'MaxClients 50',
    'Allow 127.0.0.1',
    ...(options.auth ? [`BasicAuth ${options.auth.user} ${options.auth.password}`] : []),
    ...(options.connectPort ? [`ConnectPort ${options.connectPort}`] : []),
  ];
  writeFileSync(join(dir, 'tinyproxy.conf'), `${config.join('\n')}\n`);
  writeFileSync(log, '');
  // -d: stay in the foreground, so the test owns the process and can stop it.
  const child: ChildProcess = spawn(TINYPROXY, ['-d', '-c', join(dir, 'tinyproxy.conf')], {
    stdio: 'ignore',
  });
  const exited = once(child, 'exit');
  const requests = () =>
    readFileSync(log, 'utf8')
      .split('\n')
      .map((line) => /Request \(file descriptor \d+\): (.*)$/.exec(line)?.[1])
      .filter((line): line is string => line !== undefined);
  await waitFor('tinyproxy to listen', 10_000, async () => ((await accepts(port)) ? true : undefined));
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    async close() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
