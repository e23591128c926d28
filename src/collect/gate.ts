/**
 * At most `limit` tasks run at once; the rest wait their turn, in order, as bare closures. A
 * refresh lists every project at once and so learns of every cluster at once: without a bound,
 * each cluster's read would make its abort listeners, paging state and queue entry at the
 * start (5,000 at once at 200 projects) and hold them until its turn at Atlas comes.
 */
export function createGate(limit: number) {
  let running = 0;
  const waiting: Array<() => void> = [];

  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (running < limit) running += 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      // The slot passes straight to the next in line, so `running` counts it throughout.
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}
