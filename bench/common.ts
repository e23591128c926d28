// What every column of the bench shares, sharded or not.
import type { RequestLogEntry } from '../simulator/index.js';
import { mib } from './stats.js';

export const MINUTE = 60_000;
/** the steady state's step: a Prometheus scrape interval of simulated time */
export const STEP_MS = 30_000;
/** Prometheus's default scrape timeout, which a scrape that waits for a refresh is bounded by */
export const SCRAPE_TIMEOUT_MS = 10_000;

/** After which refreshes memory is read: 1, 5 to 10, and 20 to see it level off. */
export const MEMORY_READINGS = [1, 5, 10, 20];
export const at = (readings: Record<number, number>) => MEMORY_READINGS.map((n) => mib(readings[n] ?? 0));

export const isToken = (e: RequestLogEntry) => e.endpoint === 'oauth_token';

export const log = (msg: string) =>
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
