import {
  ENDPOINT_RATE_LIMIT_SETS,
  type EndpointName,
  RATE_LIMIT_SETS,
  type RateLimitSet,
} from './endpoints.js';
import { type Headers, rateLimitFacts } from './http.js';

const PROJECT_ID = /\/groups\/([^/?]+)/;
const ORG_ID = /\/orgs\/([^/?]+)/;

interface Bucket {
  capacity: number;
  /** below 0: requests already promised a later token */
  tokens: number;
  readonly refillPerMs: number;
  atMs: number;
}

/** The id a set's bucket is kept per: the project or organisation in the path, or none (the credentials). */
function scopeId(rateSet: RateLimitSet, target: string): string {
  if (rateSet.scope === 'user') return '';
  const id = rateSet.scope === 'project' ? PROJECT_ID : ORG_ID;
  return id.exec(target)?.[1] ?? '';
}

/**
 * Spreads requests by Atlas's rate limits from the first request on: one token bucket per
 * endpoint set and scope (RATE_LIMIT_SETS), as Atlas keeps them, so a burst beyond a bucket's
 * capacity goes out at its refill rate instead of meeting 429. The published figures are only
 * where it starts: RateLimit-Limit and -Remaining, once Atlas sends them for a bucket, replace its
 * capacity and count (Atlas does not send its refill rate, so the published one stays).
 */
export function createPacer(now: () => number) {
  const buckets = new Map<string, Bucket>();

  /** The request's bucket, refilled up to now; undefined for an endpoint in no set. */
  function bucketOf(endpoint: EndpointName, target: string): Bucket | undefined {
    const name = ENDPOINT_RATE_LIMIT_SETS[endpoint];
    if (name === undefined) return undefined;
    const rateSet = RATE_LIMIT_SETS[name];
    const key = `${name}/${scopeId(rateSet, target)}`;
    const nowMs = now();
    let bucket = buckets.get(key);
    if (!bucket) {
      const { capacity, refillPerMinute } = rateSet;
      bucket = { capacity, tokens: capacity, refillPerMs: refillPerMinute / 60_000, atMs: nowMs };
      buckets.set(key, bucket);
    }
    const elapsedMs = Math.max(0, nowMs - bucket.atMs);
    bucket.tokens = Math.min(bucket.capacity, bucket.tokens + elapsedMs * bucket.refillPerMs);
    bucket.atMs = nowMs;
    return bucket;
  }

  /** Takes a token for one request to `target`: how long to wait before sending it (0: at once). */
  function reserve(endpoint: EndpointName, target: string): number {
    const bucket = bucketOf(endpoint, target);
    if (!bucket) return 0;
    bucket.tokens -= 1;
    return bucket.tokens >= 0 ? 0 : Math.ceil(-bucket.tokens / bucket.refillPerMs);
  }

  /** What an answer's RateLimit-* headers say of its bucket; the tokens promised to waiting requests stay promised. */
  function observe(endpoint: EndpointName, target: string, headers: Headers): void {
    const { limit, remaining } = rateLimitFacts(headers);
    if (limit === undefined || limit <= 0 || remaining === undefined) return;
    const bucket = bucketOf(endpoint, target);
    if (!bucket) return;
    bucket.capacity = limit;
    bucket.tokens = Math.min(limit, Math.min(bucket.tokens, 0) + remaining);
  }

  return { reserve, observe };
}

export type Pacer = ReturnType<typeof createPacer>;
