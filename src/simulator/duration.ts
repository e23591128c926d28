/** Prometheus-style durations (`100ms`, `30s`, `5m`, `1h30m`, `2d`), for the `simulate` flags. */
const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  y: 31_536_000_000,
};

/** Milliseconds, or undefined when `text` is not a duration. `0` alone is allowed, as in Prometheus. */
export function parseDuration(text: string): number | undefined {
  if (text === '0') return 0;
  if (!/^(\d+(ms|s|m|h|d|w|y))+$/.test(text)) return undefined;
  let total = 0;
  for (const match of text.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)) {
    total += Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? 0);
  }
  return total;
}

/** `N/D`, e.g. `100/1m`: a bucket of N requests refilled every D. */
export function parseRateLimit(text: string): { capacity: number; refillMs: number } | undefined {
  const [count, per, ...rest] = text.split('/');
  if (count === undefined || per === undefined || rest.length > 0 || !/^\d+$/.test(count)) return undefined;
  const capacity = Number(count);
  const refillMs = parseDuration(per);
  if (capacity < 1 || refillMs === undefined || refillMs <= 0) return undefined;
  return { capacity, refillMs };
}
