import type { EndpointName } from './endpoints.js';
import { type Headers, rateLimitFacts } from './http.js';

/** Below this share of the bucket left, requests start to wait. */
const LOW_WATER = 0.1;

/**
 * Slows requests down as an endpoint's token bucket runs low (RateLimit-Limit and -Remaining),
 * so a large refresh eases off before Atlas answers 429 rather than after. The wait grows from 0
 * at a tenth of the bucket left to `maxDelayMs` at none; Atlas does not say its refill rate, so
 * the next answer's Remaining is what tells the pacer the bucket filled again.
 */
export function createPacer(maxDelayMs: number) {
  const buckets = new Map<EndpointName, { limit: number; remaining: number }>();

  function observe(endpoint: EndpointName, headers: Headers): void {
    const { limit, remaining } = rateLimitFacts(headers);
    if (limit !== undefined && limit > 0 && remaining !== undefined)
      buckets.set(endpoint, { limit, remaining });
  }

  function delayMs(endpoint: EndpointName): number {
    const bucket = buckets.get(endpoint);
    if (!bucket || maxDelayMs <= 0) return 0;
    const lowWater = Math.max(1, bucket.limit * LOW_WATER);
    if (bucket.remaining >= lowWater) return 0;
    return Math.round(maxDelayMs * (1 - Math.max(0, bucket.remaining) / lowWater));
  }

  return { observe, delayMs };
}

export type Pacer = ReturnType<typeof createPacer>;
