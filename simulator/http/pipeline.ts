import { STATUS_CODES } from 'node:http';
import type { SimKnobs } from '../resources/resource.js';
import type { SimWorld } from '../world/model.js';
import { acceptedVersion, type createAuth } from './auth.js';
import type { createFaults, FaultSpec } from './faults.js';
import { handle } from './handlers.js';
import { type createTokenBucket, type RateLimitOptions, rateLimitDetail } from './rate-limit.js';
import type { RouteMatch } from './routes.js';
import { apiError, type ListQuery, parseListQuery, type SimResponse } from './wire.js';

/** What the pipeline needs from the simulator; the knobs and missing roles may change at run time. */
export interface PipelineState {
  world: SimWorld;
  auth: ReturnType<typeof createAuth>;
  faults: ReturnType<typeof createFaults>;
  bucket: ReturnType<typeof createTokenBucket> | undefined;
  rateLimit: RateLimitOptions | undefined;
  knobs: SimKnobs;
  acceptVersions: 'exact' | 'resolve';
  unauthorizedStatus: 401 | 403;
  missingRoles: Set<string>;
}

export interface Incoming {
  method: string;
  /** the request target as sent, e.g. /api/atlas/v2/groups?pageNum=2 */
  target: string;
  url: URL;
  base: string;
  match: RouteMatch | undefined;
  headers: { authorization?: string; accept?: string };
  body: string;
}

/** The answer, and the fault that changes how it is written (malformed-json, truncated, reset). */
export interface Outcome {
  response: SimResponse;
  fault?: FaultSpec;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A load balancer, not Atlas, answers 502 and 504: an HTML page, no ApiError. */
function statusFault(spec: FaultSpec): SimResponse {
  const status = spec.status ?? 500;
  const headers: Record<string, string> = {};
  if (spec.retryAfterSeconds !== undefined) headers['retry-after'] = String(spec.retryAfterSeconds);
  if ((status === 502 || status === 504) && spec.errorCode === undefined) {
    const text = `${status} ${STATUS_CODES[status]}`;
    return {
      status,
      headers: { ...headers, 'content-type': 'text/html' },
      body: `<html><body><h1>${text}</h1></body></html>`,
    };
  }
  const defaults: Record<number, string> = { 429: 'RATE_LIMITED_TOKEN_BUCKET', 503: 'SERVICE_UNAVAILABLE' };
  const code = spec.errorCode ?? defaults[status] ?? 'UNEXPECTED_ERROR';
  return apiError(status, code, `Simulated ${status} (${code}).`, [], headers);
}

/**
 * Takes this request's fault. A delay is served here; a status or reset ends the request; the
 * damaging kinds (malformed-json, truncated) ride along with the real answer.
 */
async function takeFault(state: PipelineState, inc: Incoming, random: boolean) {
  const endpoint = inc.match?.route.endpoint ?? 'unknown';
  const query = Object.fromEntries(inc.url.searchParams);
  const fault = state.faults.take({ method: inc.method, path: inc.url.pathname, query, endpoint }, random);
  if (fault?.kind === 'delay') {
    await sleep(fault.delayMs ?? 1000);
    return { damage: undefined, end: undefined };
  }
  if (fault?.kind === 'status') return { damage: undefined, end: { response: statusFault(fault) } };
  if (fault?.kind === 'body') {
    const headers = { 'content-type': fault.contentType ?? 'text/html' };
    return {
      damage: undefined,
      end: { response: { status: fault.status ?? 200, headers, body: fault.body ?? '' } },
    };
  }
  if (fault?.kind === 'reset')
    return { damage: undefined, end: { response: { status: 0, headers: {}, body: '' }, fault } };
  return { damage: fault, end: undefined };
}

function withHeaders(o: Outcome, headers: Record<string, string>): Outcome {
  return { ...o, response: { ...o.response, headers: { ...headers, ...o.response.headers } } };
}

/** Auth, version, faults, rate limit, parameters, data: in the order Atlas appears to check them. */
export async function answer(state: PipelineState, inc: Incoming): Promise<Outcome> {
  const route = inc.match?.route;
  const isApi = inc.url.pathname.startsWith('/api/atlas/');
  if (route?.endpoint === 'oauth_token' || route?.endpoint === 'oauth_revoke') {
    const { damage, end } = await takeFault(state, inc, false);
    if (end) return end;
    const fn = route.endpoint === 'oauth_token' ? state.auth.token : state.auth.revoke;
    return { response: fn(inc.headers.authorization, inc.body), fault: damage };
  }
  if (isApi) {
    const denied = state.auth.check(inc.method, inc.target, inc.headers.authorization);
    if (denied) return { response: denied };
  }
  if (!route || !('handle' in route) || !inc.match) {
    const path = inc.url.pathname;
    return { response: apiError(404, 'RESOURCE_NOT_FOUND', `Cannot find resource ${path}.`, [path]) };
  }
  const version = acceptedVersion(inc.headers.accept, route.version, state.acceptVersions);
  if (!version)
    return { response: apiError(406, 'INVALID_VERSION_DATE', 'Invalid accept header or version date.') };
  const { damage, end } = await takeFault(state, inc, true);
  if (end) return end;
  let limitHeaders: Record<string, string> = {};
  if (state.bucket && state.rateLimit) {
    const taken = state.bucket.take();
    limitHeaders = { 'ratelimit-limit': String(taken.limit), 'ratelimit-remaining': String(taken.remaining) };
    if (!taken.ok) {
      const resource = inc.url.pathname.replace(/^\//, '');
      const { detail, parameters } = rateLimitDetail(resource, taken.retryAfterSeconds, state.rateLimit);
      const headers = { ...limitHeaders, 'retry-after': String(taken.retryAfterSeconds) };
      return {
        response: apiError(429, 'RATE_LIMITED_TOKEN_BUCKET', detail, parameters, headers),
        fault: damage,
      };
    }
  }
  // Single-resource GETs take no paging parameters; only pretty and envelope apply.
  const params = new URLSearchParams(inc.url.searchParams);
  if (!route.paged) for (const k of ['itemsPerPage', 'pageNum', 'includeCount']) params.delete(k);
  const query = parseListQuery(params);
  if ('status' in query) return withHeaders({ response: query, fault: damage }, limitHeaders);
  const endless = damage?.kind === 'endless-pages';
  const answered = handle(route, inc.match.params, {
    world: state.world,
    base: inc.base,
    self: `${inc.base}${inc.url.pathname}`,
    path: inc.url.pathname,
    version,
    query: endless ? { ...query, pageNum: 1 } : query,
    search: inc.url.searchParams,
    knobs: state.knobs,
    unauthorizedStatus: state.unauthorizedStatus,
    missingRoles: state.missingRoles,
  });
  const response = endless ? linkOn(answered, query, `${inc.base}${inc.url.pathname}`) : answered;
  return withHeaders({ response, fault: damage }, limitHeaders);
}

/**
 * The endless-pages fault: a `next` link to the page after the one asked for, whatever it holds,
 * and no totalCount, so that only the links say where the list ends.
 */
function linkOn(res: SimResponse, query: ListQuery, selfUrl: string): SimResponse {
  if (res.status !== 200) return res;
  const { totalCount: _, ...body } = JSON.parse(res.body) as {
    links?: Array<{ rel: string; href: string }>;
    totalCount?: number;
  };
  const { includeCount, itemsPerPage, pageNum } = query;
  const href = `${selfUrl}?includeCount=${includeCount}&itemsPerPage=${itemsPerPage}&pageNum=${pageNum + 1}`;
  body.links = [...(body.links ?? []).filter((l) => l.rel !== 'next'), { href, rel: 'next' }];
  return { ...res, body: JSON.stringify(body) };
}
