/** Each unit with its seconds and the length below which it is used: 36 h stays hours, 3 d is days. */
const UNITS: ReadonlyArray<readonly [string, number, number]> = [
  ['s', 1, 120],
  ['min', 60, 120 * 60],
  ['h', 3600, 72 * 3600],
];

/** A length of time as a person reads it at a glance: `45 s`, `12 min`, `7 h`, `3 d`. */
export function humanDuration(seconds: number): string {
  const s = Math.max(0, seconds);
  const [unit, size] = UNITS.find(([, , below]) => s < below) ?? ['d', 86_400];
  return `${Math.round(s / size)} ${unit}`;
}

/** A short length of work, such as a refresh: `0.3 s`, `12 s`, `2 min`. */
export function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : humanDuration(ms / 1000);
}

/** `12 min ago`, `just now`, or `never` for a time not known. */
export function ago(ms: number | undefined, nowMs: number): string {
  if (ms === undefined) return 'never';
  const seconds = (nowMs - ms) / 1000;
  return seconds < 5 ? 'just now' : `${humanDuration(seconds)} ago`;
}

/** A UTC time to the second, for title attributes and the header. */
export function utc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** `1,234` for counts, without the host's locale. */
export function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
