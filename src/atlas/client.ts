import { setMaxListeners } from 'node:events';
import type { Logger } from 'pino';
import { Agent, type Dispatcher, ProxyAgent } from 'undici';
import type { ApiObserver, AtlasClient, Credentials, EgressProxy } from './api.js';
import type { Authenticator } from './auth.js';
import { createDigestAuth } from './auth-digest.js';
import { createOAuthAuth } from './auth-oauth.js';
import type { ListEndpoint } from './endpoints.js';
import { requestLine } from './errors.js';
import { abortableSleep, createLimiter } from './limiter.js';
import { createPacer } from './pacer.js';
import { paginate } from './paging.js';
import { type SendContext, send } from './request.js';
import { DEFAULT_RETRY_POLICY } from './retry.js';
import { parseJson } from './wire.js';

export interface AtlasClientOptions {
  /** e.g. https://cloud.mongodb.com; only its origin is used. */
  readonly baseUrl: string;
  readonly credentials: Credentials;
  readonly observer: ApiObserver;
  readonly logger: Logger;
  /** Injected for tests; the default is an Agent (through `proxy` if given) that the client owns. */
  readonly dispatcher?: Dispatcher;
  /** The proxy every request goes through, the token request included. */
  readonly proxy?: EgressProxy;
  /** One exchange, headers and body, retries excluded. Default 30 s. */
  readonly requestTimeoutMs?: number;
  /** Default 3. */
  readonly maxRetries?: number;
  /** Exchanges in flight at once, token requests included. Default 4. */
  readonly maxConcurrency?: number;
  readonly userAgent?: string;
  /** Default 1000: a list longer than this is treated as a paging loop. */
  readonly maxPages?: number;
  /** Default 500, the Atlas maximum. */
  readonly itemsPerPage?: number;
  /** Default MAX_BODY_BYTES. */
  readonly maxBodyBytes?: number;
  /** Default MAX_STREAMED_BODY_BYTES. */
  readonly maxStreamedBodyBytes?: number;
  readonly retryBaseMs?: number;
  readonly retryCapMs?: number;
  /** A longer Retry-After fails the request instead of waiting. Default 5 min. */
  readonly maxRetryAfterMs?: number;
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly random?: () => number;
  /** Wall clock in ms (token expiry, Retry-After dates, rate-limit refills). */
  readonly now?: () => number;
}

/**
 * The largest body read: a page holds at most 500 items, and 16 KiB an item is ten times what
 * the largest list items need (a sharded cluster's snapshot names one member per shard; the
 * simulator's largest items are 1.5 KiB); cluster descriptions, longer for many shards, come a
 * few per project. A longer body is refused before it costs memory: with 4 requests in flight,
 * four bodies just under the cap peak at 190 MB RSS, half the chart's 384 MiB limit.
 */
export const MAX_BODY_BYTES = 500 * 16 * 1024;

/**
 * The largest body read as a stream (getStreamed): its memory is one item's, whatever its size,
 * so the cap only stops an answer that never ends from holding a connection slot until the
 * request timeout. 512 MiB is ten times the pending invoice of an organisation of 1,000 clusters
 * at the end of a month (a line item per cluster, day and SKU: about 50 MB).
 */
export const MAX_STREAMED_BODY_BYTES = 512 * 1024 * 1024;

/**
 * The client's own dispatcher: through the proxy if one is set, https through a CONNECT tunnel
 * and http by plain forwarding (`proxyTunnel: false`), as curl and Go do.
 */
function ownDispatcher(connections: number, proxy: EgressProxy | undefined): Dispatcher {
  if (!proxy) return new Agent({ connections });
  return new ProxyAgent({ uri: proxy.url.href, connections, proxyTunnel: false });
}

/** Builds the Atlas Administration API v2 client. */
export function createAtlasClient(options: AtlasClientOptions): AtlasClient {
  const origin = new URL(options.baseUrl).origin;
  const owned = options.dispatcher ? undefined : ownDispatcher(options.maxConcurrency ?? 4, options.proxy);
  const dispatcher = options.dispatcher ?? (owned as Dispatcher);
  const lifetime = new AbortController();
  // Every request in flight listens to it: thousands at once at scale, none of them a leak.
  setMaxListeners(0, lifetime.signal);
  let closing: Promise<void> | undefined;
  const itemsPerPage = options.itemsPerPage ?? 500;
  const maxPages = options.maxPages ?? 1000;

  const ctx: SendContext = {
    exchange: {
      origin,
      dispatcher,
      observer: options.observer,
      logger: options.logger,
      timeoutMs: options.requestTimeoutMs ?? 30_000,
      maxBodyBytes: options.maxBodyBytes ?? MAX_BODY_BYTES,
      maxStreamedBodyBytes: options.maxStreamedBodyBytes ?? MAX_STREAMED_BODY_BYTES,
      proxy: options.proxy,
    },
    limiter: createLimiter(options.maxConcurrency ?? 4),
    pacer: createPacer(options.now ?? Date.now),
    policy: {
      maxRetries: options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries,
      baseMs: options.retryBaseMs ?? DEFAULT_RETRY_POLICY.baseMs,
      capMs: options.retryCapMs ?? DEFAULT_RETRY_POLICY.capMs,
      maxRetryAfterMs: options.maxRetryAfterMs ?? DEFAULT_RETRY_POLICY.maxRetryAfterMs,
    },
    userAgent: options.userAgent ?? 'atlas-backup-exporter',
    sleep: options.sleep ?? abortableSleep,
    random: options.random ?? Math.random,
    now: options.now ?? Date.now,
  };

  const creds = options.credentials;
  const auth: Authenticator =
    creds.kind === 'service-account'
      ? createOAuthAuth(ctx, creds.clientId, creds.clientSecret, lifetime.signal)
      : createDigestAuth(creds.publicKey, creds.privateKey);

  /** One GET of `target` on an endpoint, its body parsed as JSON. */
  async function getJson(endpoint: ListEndpoint, target: string, signal: AbortSignal): Promise<unknown> {
    const req = { method: 'GET' as const, endpoint: endpoint.name, target, accept: endpoint.accept };
    const answer = await send(ctx, req, auth, signal);
    return parseJson(answer.body, endpoint.name, requestLine(req));
  }

  function fetchPage(endpoint: ListEndpoint, pageNum: number, signal: AbortSignal): Promise<unknown> {
    return getJson(
      endpoint,
      `${endpoint.path}?${endpoint.query ? `${endpoint.query}&` : ''}itemsPerPage=${itemsPerPage}&pageNum=${pageNum}&includeCount=true`,
      signal,
    );
  }

  /**
   * A signal that aborts with the caller's or on close(), whoever started the request. `done`
   * removes the listeners, so the long-lived lifetime signal does not collect one per request.
   */
  function linked(signal: AbortSignal) {
    const combined = new AbortController();
    const onCaller = () => combined.abort(signal.reason);
    const onClose = () => combined.abort(lifetime.signal.reason);
    if (signal.aborted) onCaller();
    else if (lifetime.signal.aborted) onClose();
    signal.addEventListener('abort', onCaller, { once: true });
    lifetime.signal.addEventListener('abort', onClose, { once: true });
    return {
      signal: combined.signal,
      done() {
        signal.removeEventListener('abort', onCaller);
        lifetime.signal.removeEventListener('abort', onClose);
      },
    };
  }

  return {
    async *list(endpoint, parseItem, signal) {
      const link = linked(signal);
      try {
        yield* paginate(endpoint, (n) => fetchPage(endpoint, n, link.signal), parseItem, maxPages);
      } finally {
        link.done();
      }
    },

    async get(endpoint, signal) {
      const link = linked(signal);
      try {
        return await getJson(endpoint, endpoint.path, link.signal);
      } finally {
        link.done();
      }
    },

    async getStreamed(endpoint, reader, signal) {
      const link = linked(signal);
      // send resolves with a 2xx only, and every 2xx body went into the reader made for it
      const last: { reader?: ReturnType<typeof reader> } = {};
      try {
        const req = {
          method: 'GET' as const,
          endpoint: endpoint.name,
          target: endpoint.path,
          accept: endpoint.accept,
        };
        await send(ctx, { ...req, stream: () => (last.reader = reader()) }, auth, link.signal);
        return (last.reader as ReturnType<typeof reader>).result();
      } finally {
        link.done();
      }
    },

    close() {
      closing ??= (async () => {
        lifetime.abort(new Error('Atlas client closed'));
        await auth.close();
        if (owned) await owned.close();
      })();
      return closing;
    },
  };
}
