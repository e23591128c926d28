import type { BodySink } from './api.js';
import type { Authenticator, RejectionVerdict } from './auth.js';
import type { EndpointName } from './endpoints.js';
import {
  AtlasAuthError,
  AtlasHttpError,
  AtlasNetworkError,
  AtlasTimeoutError,
  requestLine,
} from './errors.js';
import {
  codeOf,
  type ExchangeContext,
  type ExchangeResult,
  exchange,
  type Headers,
  header,
  sunsetMs,
} from './http.js';
import type { Limiter, Release } from './limiter.js';
import type { Pacer } from './pacer.js';
import { type AttemptOutcome, decideRetry, type RetryPolicy } from './retry.js';
import { apiErrorFacts } from './wire.js';

export interface SendContext {
  readonly exchange: ExchangeContext;
  readonly limiter: Limiter;
  readonly pacer: Pacer;
  readonly policy: RetryPolicy;
  readonly userAgent: string;
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly random: () => number;
  readonly now: () => number;
}

export interface SendRequest {
  readonly method: 'GET' | 'POST';
  readonly endpoint: EndpointName;
  readonly target: string;
  readonly accept: string;
  readonly body?: string;
  readonly contentType?: string;
  /** Set for the token request, which carries its own Basic credentials. */
  readonly authorization?: string;
  /** Takes a 2xx body as it arrives (the answer's `body` is then empty), a new sink per attempt. */
  readonly stream?: () => BodySink;
}

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
}

function outcomeOf(result: ExchangeResult): AttemptOutcome {
  if (result.kind !== 'response') return { kind: result.kind };
  return { kind: 'status', status: result.status, retryAfter: header(result.headers, 'retry-after') };
}

/**
 * Valid credentials without the role for this resource (a project we may not read): a new token
 * or nonce would be refused too, and would cost a token request per refresh.
 */
function noPermission(body: string): boolean {
  return apiErrorFacts(body).errorCode === 'USER_UNAUTHORIZED';
}

/**
 * The error for a final, unsuccessful attempt. A timeout or network error names the Atlas host:
 * the request line has only the path, and the host is what a firewall or proxy rule names.
 */
function failure(ctx: SendContext, req: SendRequest, result: ExchangeResult, why: string | undefined): Error {
  const suffix = why ? ` (${why})` : '';
  const host = new URL(ctx.exchange.origin).host;
  if (result.kind === 'timeout') {
    return new AtlasTimeoutError(`${requestLine(req)}: timed out waiting for ${host}${suffix}`, {
      endpoint: req.endpoint,
    });
  }
  if (result.kind === 'network_error') {
    const code = (result.cause as { code?: unknown } | null)?.code;
    const what = typeof code === 'string' ? code : 'network error';
    const explained = result.explanation ? `: ${result.explanation}` : '';
    return new AtlasNetworkError(`${requestLine(req)}: ${what} reaching ${host}${explained}${suffix}`, {
      endpoint: req.endpoint,
      cause: result.cause,
      ...(result.explanation ? { detail: result.explanation } : {}),
    });
  }
  const facts = apiErrorFacts(result.body);
  const atlas = [facts.errorCode, facts.detail].filter(Boolean).join(': ');
  const message = `${requestLine(req)}: HTTP ${result.status}${atlas ? ` ${atlas}` : ''}${suffix}`;
  const sunset = sunsetMs(result.headers);
  const all = {
    endpoint: req.endpoint,
    status: result.status,
    ...facts,
    ...(sunset === undefined ? {} : { sunsetMs: sunset }),
  };
  return result.status === 401 ? new AtlasAuthError(message, all) : new AtlasHttpError(message, all);
}

/**
 * A connection slot, once the request's rate-limit bucket has a token for it. The token is taken
 * once a slot is ours, not while queueing for one, so a request that waited in the queue is
 * paced by what the answers that went out meanwhile said of its bucket. One that must wait gives
 * its slot back meanwhile: requests to other projects' buckets go on.
 */
async function pacedSlot(ctx: SendContext, req: SendRequest, signal: AbortSignal): Promise<Release> {
  const release = await ctx.limiter.acquire(signal);
  const waitMs = ctx.pacer.reserve(req.endpoint, req.target);
  if (waitMs <= 0) return release;
  release();
  await ctx.sleep(waitMs, signal);
  return ctx.limiter.acquire(signal);
}

/**
 * Sends one logical request: authenticates, holds a concurrency slot only while on the wire,
 * resends at once when the authenticator asks after a 401, and retries 429, 5xx, timeouts and
 * network errors with backoff. Resolves with a 2xx answer or throws an AtlasError.
 */
export async function send(
  ctx: SendContext,
  req: SendRequest,
  auth: Authenticator | undefined,
  signal: AbortSignal,
): Promise<Answer> {
  let retries = 0;
  let rejections = 0;
  for (;;) {
    if (auth) await auth.prepare(signal);
    const release = await pacedSlot(ctx, req, signal);
    let result: ExchangeResult;
    let sent: string | undefined;
    try {
      sent = req.authorization ?? auth?.header(req.method, req.target);
      const headers: Record<string, string> = { accept: req.accept, 'user-agent': ctx.userAgent };
      if (sent !== undefined) headers.authorization = sent;
      if (req.contentType) headers['content-type'] = req.contentType;
      const exchangeReq = {
        method: req.method,
        endpoint: req.endpoint,
        target: req.target,
        headers,
        attempt: retries,
        stream: req.stream,
      };
      result = await exchange(
        ctx.exchange,
        req.body === undefined ? exchangeReq : { ...exchangeReq, body: req.body },
        signal,
      );
    } finally {
      release();
    }
    if (result.kind === 'response') ctx.pacer.observe(req.endpoint, req.target, result.headers);
    const { observer } = ctx.exchange;
    let verdict: RejectionVerdict | undefined;
    if (result.kind === 'response' && result.status === 401 && auth && !noPermission(result.body)) {
      rejections++;
      verdict = auth.rejected(sent, result.headers, rejections);
    }
    // A challenge asked for credentials; the request is counted by the answer to them.
    if (verdict === 'challenge') {
      observer.challenge(req.endpoint);
      continue;
    }
    observer.request(req.endpoint, codeOf(result), result.seconds);
    if (result.kind === 'response' && result.status >= 200 && result.status < 300) return result;
    if (verdict === 'again') continue;
    if (verdict === 'fail') throw failure(ctx, req, result, 'credentials refused');
    if (result.kind === 'response' && result.status === 401 && auth)
      throw failure(ctx, req, result, 'no permission');
    const decision = decideRetry(retries, outcomeOf(result), ctx.policy, ctx.random, ctx.now());
    if (!decision.retry) throw failure(ctx, req, result, decision.why);
    observer.retry(req.endpoint, decision.reason);
    ctx.exchange.logger.debug(
      {
        method: req.method,
        endpoint: req.endpoint,
        path: req.target,
        reason: decision.reason,
        waitMs: decision.waitMs,
        attempt: retries,
      },
      'atlas request retry',
    );
    retries++;
    await ctx.sleep(decision.waitMs, signal);
  }
}
