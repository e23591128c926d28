import { isDeepStrictEqual } from 'node:util';

/**
 * The last value when a fresh read equals it, else the fresh one: what did not change keeps its
 * identity from refresh to refresh, so what /metrics rendered of it can be reused, and the fresh
 * copy dies young instead of replacing an old one.
 */
export function keepIfEqual<T>(last: T | undefined, fresh: T): T {
  return last !== undefined && isDeepStrictEqual(last, fresh) ? last : fresh;
}
