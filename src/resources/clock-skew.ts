/**
 * How far ahead of the exporter's clock a time Atlas gives for something that has happened may
 * be and still be taken as that time. A snapshot's time is its snapshot point, before it
 * completes, so Atlas never dates one past its own clock; any lead is the two clocks disagreeing.
 * NTP keeps that well under a second; five minutes (the skew Kerberos tolerates) leaves room for a
 * badly kept host clock, and is far below the shortest snapshot interval (an hour), so it can
 * hide an overdue backup by five minutes at most.
 */
export const CLOCK_SKEW_S = 300;

/** Whether a time (Unix seconds) that has happened by Atlas's word is further ahead than the skew. */
export const isAhead = (time: number, nowMs: number): boolean => time > nowMs / 1000 + CLOCK_SKEW_S;

/** Times set aside as further ahead than the skew: how many, and the furthest (Unix seconds). */
export interface AheadOfClock {
  readonly count: number;
  readonly latestTime: number;
}

/** The tally after one more time set aside. */
export const setAside = (tally: AheadOfClock | undefined, time: number): AheadOfClock => ({
  count: (tally?.count ?? 0) + 1,
  latestTime: Math.max(tally?.latestTime ?? time, time),
});

/** The WARN of finished items (`snapshot`, `restore job`) dated ahead of the clock, naming the furthest date. */
export function aheadInWords(noun: string, { count, latestTime }: AheadOfClock, rest: string): string {
  const date = new Date(latestTime * 1000).toISOString();
  const dated =
    count === 1
      ? `1 finished ${noun} is dated ${date}`
      : `${count} finished ${noun}s are dated up to ${date}`;
  return (
    `${dated}, more than ${CLOCK_SKEW_S / 60} minutes ahead of this exporter's clock: counted, ` +
    `the time ignored (${rest}); if that date is near, check this host's clock`
  );
}
