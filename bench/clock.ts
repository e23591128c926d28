/**
 * The bench's clock: it follows the wall clock until frozen, then moves only when advanced.
 * The bench process and the simulator process each keep one; the bench sends the simulator its
 * time (setNow) before each step, so the two never disagree while the exporter reads Atlas.
 */
export interface BenchClock {
  now(): number;
  /** stop following the wall clock at the current time */
  freeze(): void;
  /** moves it on by ms, frozen from then on */
  advance(ms: number): void;
}

export function benchClock(): BenchClock {
  let frozenAt: number | undefined;
  const now = () => frozenAt ?? Date.now();
  return {
    now,
    freeze() {
      frozenAt = now();
    },
    advance(ms) {
      frozenAt = now() + ms;
    },
  };
}
