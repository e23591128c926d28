/** Gives back a slot; calling it more than once is harmless. */
export type Release = () => void;

export interface Limiter {
  /** Waits for a free slot (first come, first served); rejects with the signal's reason on abort. */
  acquire(signal: AbortSignal): Promise<Release>;
  readonly inFlight: number;
}

interface Waiter {
  grant(): void;
}

/** A counting semaphore: at most `limit` holders at once. */
export function createLimiter(limit: number): Limiter {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`concurrency limit must be ≥ 1, got ${limit}`);
  let active = 0;
  const queue: Waiter[] = [];

  function releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = queue.shift();
      // Hand the slot straight to the next waiter so a newcomer cannot overtake it.
      if (next) next.grant();
      else active--;
    };
  }

  function acquire(signal: AbortSignal): Promise<Release> {
    if (signal.aborted) return Promise.reject(signal.reason);
    if (active < limit) {
      active++;
      return Promise.resolve(releaser());
    }
    return new Promise<Release>((resolve, reject) => {
      const waiter: Waiter = {
        grant() {
          signal.removeEventListener('abort', onAbort);
          resolve(releaser());
        },
      };
      function onAbort() {
        const at = queue.indexOf(waiter);
        if (at >= 0) queue.splice(at, 1);
        reject(signal.reason);
      }
      signal.addEventListener('abort', onAbort, { once: true });
      queue.push(waiter);
    });
  }

  return {
    acquire,
    get inFlight() {
      return active;
    },
  };
}

/** setTimeout as a promise that an abort ends at once (rejecting with the signal's reason). */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      reject(signal.reason);
    }
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
