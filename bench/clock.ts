/**
 * One clock for the simulator (in its worker) and the exporter (on the main thread), kept in a
 * SharedArrayBuffer: it follows the wall clock until frozen, then moves only when advanced.
 */
export interface SharedClock {
  readonly buffer: SharedArrayBuffer;
  now(): number;
  /** stop following the wall clock at the current time */
  freeze(): void;
  advance(ms: number): void;
}

const FROZEN = 1n;

export function sharedClock(buffer = new SharedArrayBuffer(16)): SharedClock {
  // [0]: 0 = following (value = offset from Date.now()) or FROZEN (value = the time); [1]: value
  const cells = new BigInt64Array(buffer);
  const now = () => {
    const value = Number(Atomics.load(cells, 1));
    return Atomics.load(cells, 0) === FROZEN ? value : Date.now() + value;
  };
  return {
    buffer,
    now,
    freeze() {
      Atomics.store(cells, 1, BigInt(Math.round(now())));
      Atomics.store(cells, 0, FROZEN);
    },
    advance(ms) {
      Atomics.add(cells, 1, BigInt(Math.round(ms)));
    },
  };
}
