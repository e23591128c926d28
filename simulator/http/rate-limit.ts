/** A bucket of `capacity` requests, refilled to full every `refillMs` (Atlas: refillRate per refillDuration). */
export interface RateLimitOptions {
  capacity: number;
  refillMs: number;
}

export type TakeResult =
  | { ok: true; limit: number; remaining: number }
  | { ok: false; limit: number; remaining: 0; retryAfterSeconds: number };

export function createTokenBucket(opts: RateLimitOptions, now: () => number) {
  let tokens = opts.capacity;
  let windowStartMs = now();

  function refill(nowMs: number): void {
    const periods = Math.floor((nowMs - windowStartMs) / opts.refillMs);
    if (periods <= 0) return;
    tokens = opts.capacity;
    windowStartMs += periods * opts.refillMs;
  }

  /** Takes one token for a request. */
  function take(): TakeResult {
    const nowMs = now();
    refill(nowMs);
    if (tokens > 0) {
      tokens -= 1;
      return { ok: true, limit: opts.capacity, remaining: tokens };
    }
    const waitMs = windowStartMs + opts.refillMs - nowMs;
    return {
      ok: false,
      limit: opts.capacity,
      remaining: 0,
      retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
    };
  }

  return { take };
}

/** The body text D1 shows for RATE_LIMITED_TOKEN_BUCKET, with its parameters. */
export function rateLimitDetail(resource: string, retryAfter: number, opts: RateLimitOptions) {
  const refillSeconds = Math.round(opts.refillMs / 1000);
  return {
    detail:
      `Rate limit exceeded for ${resource}. Please retry after ${retryAfter} seconds. ` +
      `Request capacity: ${opts.capacity}. Refill rate: ${opts.capacity} per ${refillSeconds} seconds.`,
    parameters: [resource, retryAfter, opts.capacity, opts.capacity, refillSeconds],
  };
}
