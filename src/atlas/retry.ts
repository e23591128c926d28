import type { RetryReason } from './api.js';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  readonly maxRetries: number;
  /** Backoff before the first retry, doubled per retry (before jitter). */
  readonly baseMs: number;
  readonly capMs: number;
  /** A longer Retry-After is not waited for: the next refresh will ask again. */
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 3,
  baseMs: 1_000,
  capMs: 30_000,
  maxRetryAfterMs: 5 * 60_000,
};

/** What the last attempt produced, as far as retrying cares. */
export type AttemptOutcome =
  | { readonly kind: 'status'; readonly status: number; readonly retryAfter?: string | undefined }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'network_error' };

export type RetryDecision =
  | { readonly retry: true; readonly waitMs: number; readonly reason: RetryReason }
  | { readonly retry: false; readonly reason?: RetryReason; readonly why?: string };

/** Why an outcome may be retried, or undefined when it is final (2xx, 4xx, 501, …). */
export function retryReason(outcome: AttemptOutcome): RetryReason | undefined {
  if (outcome.kind === 'timeout') return 'timeout';
  if (outcome.kind === 'network_error') return 'network_error';
  if (outcome.status === 429) return 'rate_limited';
  // 501 Not Implemented will not change by asking again.
  if (outcome.status >= 500 && outcome.status <= 599 && outcome.status !== 501) return 'server_error';
  return undefined;
}

/** A year: longer than any wait worth honouring, short enough to print. */
const MAX_RETRY_AFTER_SECONDS = 365 * 24 * 3600;

/** Retry-After in ms: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  // Clamped, so a 400-digit value is a very long wait rather than Infinity in a message.
  if (/^\d+$/.test(text)) return Math.min(Number(text), MAX_RETRY_AFTER_SECONDS) * 1000;
  // An HTTP date names its day and month; Date.parse alone would read '-5' as a year.
  const date = /[a-z]{3}/i.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/** Full jitter (AWS architecture blog): uniform in [0, min(cap, base·2^retry)). */
export function backoffMs(retry: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

/**
 * Decides after attempt number `retriesDone` (0 = the first try) whether to try again and how long
 * to wait first. A Retry-After is honoured with up to one base of jitter on top, so clients told the
 * same instant do not come back together.
 */
export function decideRetry(
  retriesDone: number,
  outcome: AttemptOutcome,
  policy: RetryPolicy,
  random: () => number,
  nowMs: number,
): RetryDecision {
  const reason = retryReason(outcome);
  if (reason === undefined) return { retry: false };
  if (retriesDone >= policy.maxRetries) return { retry: false, reason, why: 'retries exhausted' };
  const retryAfter = outcome.kind === 'status' ? parseRetryAfter(outcome.retryAfter, nowMs) : undefined;
  if (retryAfter === undefined)
    return { retry: true, reason, waitMs: backoffMs(retriesDone, policy, random) };
  if (retryAfter > policy.maxRetryAfterMs) {
    return { retry: false, reason, why: `Retry-After ${Math.ceil(retryAfter / 1000)}s is too long` };
  }
  return { retry: true, reason, waitMs: retryAfter + Math.floor(random() * policy.baseMs) };
}
