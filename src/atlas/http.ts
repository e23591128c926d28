import { StringDecoder } from 'node:string_decoder';
import type { Logger } from 'pino';
import { type Dispatcher, request } from 'undici';
import type { ApiObserver, BodySink, EgressProxy } from './api.js';
import { explainNetworkError, isLocalError } from './egress.js';
import type { EndpointName } from './endpoints.js';
import { AtlasClientError, AtlasMalformedResponseError, requestLine } from './errors.js';

export type Headers = Record<string, string | string[] | undefined>;

/** What stays the same for every exchange of one client. */
export interface ExchangeContext {
  readonly origin: string;
  readonly dispatcher: Dispatcher;
  readonly observer: ApiObserver;
  readonly logger: Logger;
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  /** the cap of a body a sink takes as it arrives: its memory does not grow with it */
  readonly maxStreamedBodyBytes: number;
  /** the proxy the dispatcher goes through, named in errors that are about it */
  readonly proxy: EgressProxy | undefined;
}

export interface ExchangeRequest {
  readonly method: 'GET' | 'POST';
  readonly endpoint: EndpointName;
  /** Path plus query, below the origin. */
  readonly target: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  /** 0-based, for the debug log only. */
  readonly attempt: number;
  /** Takes a 2xx body as it arrives instead of as text, a new sink for each attempt. */
  readonly stream?: () => BodySink;
}

/** What came back, and how long it took (for the latency histogram). */
export type ExchangeResult = (
  | { readonly kind: 'response'; readonly status: number; readonly headers: Headers; readonly body: string }
  | { readonly kind: 'timeout' }
  | {
      readonly kind: 'network_error';
      readonly cause: unknown;
      /** what a person can do about it (a proxy refusing, an untrusted certificate), if known */
      readonly explanation: string | undefined;
    }
) & { readonly seconds: number };

/** The `code` label of an exchange: the HTTP status, or `timeout` / `network_error`. */
export function codeOf(result: ExchangeResult): string {
  return result.kind === 'response' ? String(result.status) : result.kind;
}

/** A header's single value; undici gives lower-cased names, so lookups are case-insensitive. */
export function header(headers: Headers, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * A header that holds a whole number (RateLimit-*), or undefined when it is absent or is not one.
 * Nine digits at most: Atlas's buckets hold hundreds, and a longer number (400 digits make +Inf)
 * would show as +Inf on /metrics or, as a bucket size, pause every request.
 */
export function intHeader(headers: Headers, name: string): number | undefined {
  const value = header(headers, name);
  return value !== undefined && /^\s*\d{1,9}\s*$/.test(value) ? Number(value) : undefined;
}

/** The token bucket Atlas describes in RateLimit-Limit (its capacity) and RateLimit-Remaining. */
export interface RateLimitFacts {
  readonly limit: number | undefined;
  readonly remaining: number | undefined;
}

/** The one reader of the RateLimit-* headers, for the pacer and the gauges alike. */
export function rateLimitFacts(headers: Headers): RateLimitFacts {
  return {
    limit: intHeader(headers, 'ratelimit-limit'),
    remaining: intHeader(headers, 'ratelimit-remaining'),
  };
}

/**
 * Feeds the body to `sink`, each chunk decoded as it arrives and dropped; what is wrong with the
 * body, if anything: past `max` bytes, or refused by the sink (the rest is not read).
 */
async function readInto(
  body: Dispatcher.ResponseData['body'],
  max: number,
  sink: BodySink,
): Promise<string | undefined> {
  const decoder = new StringDecoder('utf8');
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    const problem =
      size > max ? `body exceeds ${max} bytes` : refusal(() => sink.write(decoder.write(chunk as Buffer)));
    if (problem !== undefined) {
      body.destroy();
      return problem;
    }
  }
  return refusal(() => {
    sink.write(decoder.end());
    sink.end();
  });
}

/** The message of what a sink threw, or undefined when it took the text. */
function refusal(take: () => void): string | undefined {
  try {
    take();
    return undefined;
  } catch (err) {
    return `body is malformed (${err instanceof Error ? err.message : String(err)})`;
  }
}

/** A sink that keeps the body as text: the one copy alive, no list of chunks beside it. */
function textSink() {
  let text = '';
  return {
    write: (chunk: string) => {
      text += chunk;
    },
    end: () => {},
    text: () => text,
  };
}

function reportHeaders(ctx: ExchangeContext, endpoint: EndpointName, headers: Headers): void {
  const { limit, remaining } = rateLimitFacts(headers);
  if (remaining !== undefined) ctx.observer.rateLimitRemaining(endpoint, remaining);
  if (limit !== undefined) ctx.observer.rateLimitCapacity(endpoint, limit);
  const sunset = sunsetMs(headers);
  if (sunset !== undefined) ctx.observer.sunset(endpoint, Math.floor(sunset / 1000));
}

/** The date in a Sunset header (RFC 8594), in ms; undefined when absent or unreadable. */
export function sunsetMs(headers: Headers): number | undefined {
  const text = header(headers, 'sunset');
  const ms = text === undefined ? Number.NaN : Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * One HTTP exchange, bounded by the request timeout (headers and body together). The body is
 * always read to the end or destroyed so undici can reuse or drop the socket. A caller's abort
 * rejects with the signal's reason and is not reported as an Atlas request. What it returns the
 * caller reports (only it can tell a Digest challenge from an answer); an answer too large to
 * return, or one its stream refused, is reported here.
 */
export async function exchange(
  ctx: ExchangeContext,
  req: ExchangeRequest,
  signal: AbortSignal,
): Promise<ExchangeResult> {
  signal.throwIfAborted();
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error('request timeout'));
  }, ctx.timeoutMs);
  const onAbort = () => controller.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  const log = (code: string) =>
    ctx.logger.debug(
      {
        method: req.method,
        endpoint: req.endpoint,
        path: req.target,
        code,
        durationMs: Math.round(seconds() * 1000),
        attempt: req.attempt,
      },
      'atlas request',
    );
  try {
    const res = await request(new URL(req.target, ctx.origin), {
      dispatcher: ctx.dispatcher,
      method: req.method,
      headers: req.headers,
      body: req.body ?? null,
      signal: controller.signal,
      // Our own timer bounds the exchange; undici's only have to be no shorter.
      headersTimeout: ctx.timeoutMs + 1_000,
      bodyTimeout: ctx.timeoutMs + 1_000,
    });
    // Only an answer streams: a Digest challenge or an error is read as text, small and capped.
    const stream = res.statusCode >= 200 && res.statusCode < 300 ? req.stream?.() : undefined;
    const text = textSink();
    const cap = stream ? ctx.maxStreamedBodyBytes : ctx.maxBodyBytes;
    const problem = await readInto(res.body, cap, stream ?? text);
    const code = String(res.statusCode);
    log(code);
    reportHeaders(ctx, req.endpoint, res.headers);
    if (problem !== undefined) {
      ctx.observer.request(req.endpoint, code, seconds());
      throw new AtlasMalformedResponseError(`${requestLine(req)}: HTTP ${code} ${problem}`, {
        endpoint: req.endpoint,
        status: res.statusCode,
      });
    }
    const body = text.text();
    return { kind: 'response', status: res.statusCode, headers: res.headers, body, seconds: seconds() };
  } catch (err) {
    if (err instanceof AtlasMalformedResponseError || err instanceof AtlasClientError) throw err;
    if (signal.aborted) throw signal.reason;
    if (isLocalError(err)) {
      // Nothing reached Atlas, so it is no Atlas request; asking again would be refused alike.
      const code = (err as { code: string }).code;
      throw new AtlasClientError(
        `${requestLine(req)}: the exporter could not send this request (${code}); not retried`,
        { endpoint: req.endpoint, cause: err },
      );
    }
    const kind = timedOut || isUndiciTimeout(err) ? 'timeout' : 'network_error';
    log(kind);
    if (kind === 'timeout') return { kind, seconds: seconds() };
    const explanation = explainNetworkError(err, ctx.origin, ctx.proxy);
    return { kind, cause: err, explanation, seconds: seconds() };
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  }
}

function isUndiciTimeout(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return (
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT'
  );
}
