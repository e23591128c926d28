import type { Rng } from '../world/prng.js';
import type { SimEndpoint } from './routes.js';

/** What a request looks like to a fault matcher. */
export interface FaultRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  endpoint: SimEndpoint;
}

export type FaultKind = 'status' | 'malformed-json' | 'truncated' | 'reset' | 'delay' | 'body' | 'rewrite';

/**
 * A scripted failure. `match`: a predicate, a regex on the path, or an endpoint name (absent: any
 * request). `status` answers an ApiError (default 500); `malformed-json` a 200 whose body is cut;
 * `truncated` announces the full length and closes mid-body; `reset` destroys the socket;
 * `delay` waits `delayMs` and then answers normally; `body` answers `body` as is (an HTML page from
 * a proxy, a huge body) with `status` (default 200); `rewrite` passes the real JSON answer through
 * `rewrite` (lying totals, repeated items, odd values). Applies `times` times (default 1).
 */
export interface FaultSpec {
  match?: ((req: FaultRequest) => boolean) | RegExp | SimEndpoint;
  kind: FaultKind;
  status?: number;
  errorCode?: string;
  retryAfterSeconds?: number;
  delayMs?: number;
  times?: number;
  body?: string;
  contentType?: string;
  rewrite?: (body: unknown) => unknown;
}

interface QueuedFault {
  spec: FaultSpec;
  left: number;
}

function matches(spec: FaultSpec, req: FaultRequest): boolean {
  const m = spec.match;
  if (m === undefined) return true;
  if (typeof m === 'function') return m(req);
  if (m instanceof RegExp) return m.test(req.path);
  return m === req.endpoint;
}

const RANDOM_FAULT_STATUSES: readonly number[] = [500, 502, 503, 429];

/** Scripted faults, consumed in the order they were injected, plus a random fault rate. */
export function createFaults(faultRate: number, rng: Rng, statuses = RANDOM_FAULT_STATUSES) {
  let queue: QueuedFault[] = [];

  function inject(spec: FaultSpec): void {
    queue.push({ spec, left: spec.times ?? 1 });
  }

  /** The fault this request gets, if any; `random` allows the fault rate to pick one. */
  function take(req: FaultRequest, random: boolean): FaultSpec | undefined {
    const hit = queue.find((f) => f.left > 0 && matches(f.spec, req));
    if (hit) {
      hit.left -= 1;
      queue = queue.filter((f) => f.left > 0);
      return hit.spec;
    }
    if (!random || faultRate <= 0 || rng() >= faultRate) return undefined;
    const status = statuses[Math.floor(rng() * statuses.length)] ?? 500;
    return { kind: 'status', status, retryAfterSeconds: status === 429 ? 1 : undefined };
  }

  return {
    inject,
    take,
    clear: () => {
      queue = [];
    },
    pending: () => queue.reduce((n, f) => n + f.left, 0),
  };
}
