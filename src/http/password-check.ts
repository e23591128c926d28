import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Compared against when the user is unknown, so a wrong user name costs as much as a wrong password. */
const DUMMY_HASH = '$2b$10$gFYyBgCj1TTe1x.XuHJaieIIfbsdCVgQlOcFKTCfijMypZo67Z9QK';
/** Outcomes remembered; successes apart, so a flood of guesses cannot push a good password out. */
const FAILURES_KEPT = 1024;
const SUCCESSES_KEPT = 64;

// Inline, so the same code runs from src/ under the tests and from dist/ in the image.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const bcrypt = require(workerData.bcryptjs);
parentPort.on('message', ({ id, password, hash }) => {
  let ok = false;
  try { ok = bcrypt.compareSync(password, hash); } catch {}
  parentPort.postMessage({ id, ok });
});
`;

/** Checks basic-auth passwords against bcrypt hashes. */
export interface PasswordCheck {
  /** whether `password` is the password of `user` (undefined hash: no such user, always false) */
  verify(user: string, password: string, hash: string | undefined): Promise<boolean>;
  close(): Promise<void>;
}

/** Remembers at most `limit` entries, forgetting the least recently used. */
function lru(limit: number) {
  const map = new Map<string, true>();
  return {
    has(key: string) {
      if (!map.delete(key)) return false;
      map.set(key, true);
      return true;
    },
    add(key: string) {
      map.delete(key);
      map.set(key, true);
      if (map.size > limit) map.delete(map.keys().next().value as string);
    },
  };
}

/**
 * A bcrypt compare costs about 70 ms of CPU at cost 10. On the event loop, a hundred guesses
 * would hold every scrape for seconds; here they run one at a time on a worker thread, and the
 * outcome of each (user, password, hash) is remembered by a SHA-256 of the three, as
 * exporter-toolkit does, so a scrape with a known password never waits for a compare and a
 * repeated guess costs nothing. Every guess still gets its answer.
 */
export function createPasswordCheck(): PasswordCheck {
  const succeeded = lru(SUCCESSES_KEPT);
  const failed = lru(FAILURES_KEPT);
  const pending = new Map<string, Promise<boolean | undefined>>();
  const waiting = new Map<number, (ok: boolean | undefined) => void>();
  let worker: Worker | undefined;
  let nextId = 0;

  function start(): Worker {
    const bcryptjs = createRequire(import.meta.url).resolve('bcryptjs');
    const started = new Worker(WORKER, { eval: true, workerData: { bcryptjs } });
    started.unref();
    started.on('message', ({ id, ok }: { id: number; ok: boolean }) => {
      waiting.get(id)?.(ok);
      waiting.delete(id);
    });
    // a worker that died leaves its checks undecided (refused, not remembered); the next starts anew
    started.on('error', () => {});
    started.on('exit', () => {
      if (worker === started) worker = undefined;
      for (const resolve of waiting.values()) resolve(undefined);
      waiting.clear();
    });
    return started;
  }

  function compare(password: string, hash: string): Promise<boolean | undefined> {
    worker ??= start();
    const id = nextId++;
    const answer = new Promise<boolean | undefined>((resolve) => waiting.set(id, resolve));
    worker.postMessage({ id, password, hash });
    return answer;
  }

  return {
    async verify(user, password, hash) {
      const key = createHash('sha256')
        .update(`${user}\0${hash ?? ''}\0${password}`)
        .digest('hex');
      if (succeeded.has(key)) return true;
      if (failed.has(key)) return false;
      let outcome = pending.get(key);
      if (!outcome) {
        outcome = compare(password, hash ?? DUMMY_HASH).then((ok) => ok && hash !== undefined);
        pending.set(key, outcome);
      }
      const ok = await outcome;
      pending.delete(key);
      if (ok !== undefined) (ok ? succeeded : failed).add(key);
      return ok === true;
    },
    async close() {
      await worker?.terminate();
    },
  };
}
