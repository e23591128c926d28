const UNIT_MS = {
  y: 365 * 24 * 3_600_000,
  w: 7 * 24 * 3_600_000,
  d: 24 * 3_600_000,
  h: 3_600_000,
  m: 60_000,
  s: 1_000,
  ms: 1,
} as const;

type Unit = keyof typeof UNIT_MS;

// Prometheus's model.ParseDuration grammar: each unit at most once, largest first, integers only.
const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const UNITS_IN_ORDER: readonly Unit[] = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];

/** Hint appended to every duration error, so the fix is in the message. */
export const DURATION_HINT = 'write a number with a unit, e.g. 30s, 5m or 1h30m (units ms, s, m, h, d, w, y)';

/**
 * Parses a Prometheus-style duration (`30s`, `1h30m`, `0`) into milliseconds; undefined when the
 * text is not one (empty, negative, fractional, no unit, units out of order, or too large).
 */
export function parseDuration(text: string): number | undefined {
  // Prometheus accepts a bare "0" as the one unitless duration.
  if (text === '0') return 0;
  const match = DURATION.exec(text);
  if (!match || text === '') return undefined;
  let total = 0;
  for (const [i, unit] of UNITS_IN_ORDER.entries()) {
    const digits = match[i + 1];
    if (digits !== undefined) total += Number(digits) * UNIT_MS[unit];
  }
  return Number.isSafeInteger(total) ? total : undefined;
}

/** Formats milliseconds the way Prometheus prints durations: `5m`, `1h30m`, `0s`. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let text = '';
  for (const unit of UNITS_IN_ORDER) {
    const size = UNIT_MS[unit];
    // Like Prometheus, years and weeks only when exact: 8d stays 8d, not 1w1d.
    if ((unit === 'y' || unit === 'w') && rest % size !== 0) continue;
    const count = Math.floor(rest / size);
    if (count > 0) {
      text += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return text;
}
