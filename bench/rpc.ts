// Request/response over the IPC channel of a forked child process (structured-clone serialization).
import { type ChildProcess, fork } from 'node:child_process';

type Ops = Record<string, (arg: unknown) => unknown>;
interface Reply {
  id: number;
  result?: unknown;
  error?: string;
}

export interface RpcChild<R> {
  readonly child: ChildProcess;
  /** what the child sent with `serveRpc`'s ready message */
  readonly ready: R;
  call<T>(op: string, arg?: unknown): Promise<T>;
  /** asks the child to stop, then waits for it to exit (and kills it if it does not within 5 s) */
  close(): Promise<void>;
}

/**
 * The environment of a process that runs no exporter (the simulator, the scrape load): without
 * the malloc threshold `npm run bench` sets for the exporter as its image does, which a client
 * reading megabytes of /metrics pays for in blocks mapped and unmapped (at L a plain scrape's
 * p50 18 ms instead of 11).
 */
export function clientEnv(): NodeJS.ProcessEnv {
  const { MALLOC_MMAP_THRESHOLD_: _, ...env } = process.env;
  return env;
}

/**
 * Forks `script` (a compiled bench module) with `init` as its first message; resolves once it is
 * ready. `env`: the child's environment, by default this process's.
 */
export async function forkRpc<R>(script: URL, init: unknown, env = process.env): Promise<RpcChild<R>> {
  const child = fork(script, [], {
    env,
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let nextId = 0;
  const ready = await new Promise<R>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${script.pathname} exited with ${code} before ready`)));
    child.on('message', (msg: Reply & { ready?: R }) => {
      if (msg.ready !== undefined) return resolve(msg.ready);
      const waiter = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.error !== undefined) waiter?.reject(new Error(msg.error));
      else waiter?.resolve(msg.result);
    });
    child.send({ init });
  });
  child.on('exit', () => {
    for (const w of pending.values()) w.reject(new Error(`${script.pathname} exited`));
    pending.clear();
  });
  const call = <T>(op: string, arg?: unknown) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ id, op, arg });
    });
  return {
    child,
    ready,
    call,
    async close() {
      await call('close').catch(() => undefined);
      const timer = setTimeout(() => child.kill(), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The child's side: waits for the init message, builds the ops from it, and answers calls. */
export async function serveRpc<I>(start: (init: I) => Promise<{ ready: unknown; ops: Ops }>): Promise<void> {
  if (!process.send) throw new Error('runs as a forked child process');
  const init = await new Promise<I>((resolve) =>
    process.once('message', (msg: { init: I }) => resolve(msg.init)),
  );
  const { ready, ops } = await start(init);
  const send = (msg: unknown) => process.send?.(msg);
  process.on('message', async (msg: { id: number; op: string; arg?: unknown }) => {
    if (msg.op === 'close') {
      try {
        await ops.close?.(undefined);
        send({ id: msg.id, result: undefined });
      } finally {
        process.disconnect();
      }
      return;
    }
    const op = ops[msg.op];
    try {
      if (!op) throw new Error(`unknown op ${msg.op}`);
      send({ id: msg.id, result: await op(msg.arg) });
    } catch (err) {
      send({ id: msg.id, error: String(err) });
    }
  });
  send({ ready });
}
