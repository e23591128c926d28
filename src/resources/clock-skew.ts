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
