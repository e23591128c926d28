import type { Logger } from 'pino';
import { type Dispatcher, request } from 'undici';
import type { ApiObserver } from './api.js';
import type { EndpointName } from './endpoints.js';
import { AtlasMalformedResponseError } from './errors.js';

export type Headers = Record<string, string | string[] | undefined>;

/** What stays the same for every exchange of one client. */
export interface ExchangeContext {
  readonly origin: string;
  readonly dispatcher: Dispatcher;
  readonly observer: ApiObserver;
  readonly logger: Logger;
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
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
}

/** What came back, and how long it took (for the latency histogram). */
export type ExchangeResult = (
  | { readonly kind: 'response'; readonly status: number; readonly headers: Headers; readonly body: Buffer }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'network_error'; readonly cause: unknown }
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

/** A header that holds a whole number (RateLimit-*), or undefined when it is absent or is not one. */
export function intHeader(headers: Headers, name: string): number | undefined {
  const value = header(headers, name);
  return value !== undefined && /^\s*\d+\s*$/.test(value) ? Number(value) : undefined;
}

async function readCapped(body: Dispatcher.ResponseData['body'], max: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > max) {
      body.destroy();
      return undefined;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function reportHeaders(ctx: ExchangeContext, endpoint: EndpointName, headers: Headers): void {
  const remaining = intHeader(headers, 'ratelimit-remaining');
  if (remaining !== undefined) ctx.observer.rateLimitRemaining(endpoint, remaining);
  const sunset = header(headers, 'sunset');
  const sunsetMs = sunset === undefined ? Number.NaN : Date.parse(sunset);
  if (!Number.isNaN(sunsetMs)) ctx.observer.sunset(endpoint, Math.floor(sunsetMs / 1000));
}

/**
 * One HTTP exchange, bounded by the request timeout (headers and body together). The body is
 * always read to the end or destroyed so undici can reuse or drop the socket. A caller's abort
 * rejects with the signal's reason and is not reported as an Atlas request. What it returns the
 * caller reports (only it can tell a Digest challenge from an answer); an answer too large to
 * return is reported here.
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
    const body = await readCapped(res.body, ctx.maxBodyBytes);
    const code = String(res.statusCode);
    log(code);
    reportHeaders(ctx, req.endpoint, res.headers);
    if (body === undefined) {
      ctx.observer.request(req.endpoint, code, seconds());
      throw new AtlasMalformedResponseError(
        `${req.method} ${req.endpoint} ${req.target}: HTTP ${code} body exceeds ${ctx.maxBodyBytes} bytes`,
        { endpoint: req.endpoint, status: res.statusCode },
      );
    }
    return { kind: 'response', status: res.statusCode, headers: res.headers, body, seconds: seconds() };
  } catch (err) {
    if (err instanceof AtlasMalformedResponseError) throw err;
    if (signal.aborted) throw signal.reason;
    const kind = timedOut || isUndiciTimeout(err) ? 'timeout' : 'network_error';
    log(kind);
    return kind === 'timeout' ? { kind, seconds: seconds() } : { kind, cause: err, seconds: seconds() };
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
