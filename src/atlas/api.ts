import type { EndpointName, ListEndpoint } from './endpoints.js';
import type { Page } from './page.js';

/** Atlas credentials: a service account (recommended) or a programmatic API key (HTTP Digest). */
export type Credentials =
  | { readonly kind: 'service-account'; readonly clientId: string; readonly clientSecret: string }
  | { readonly kind: 'api-key'; readonly publicKey: string; readonly privateKey: string };

/** The proxy Atlas requests go through, and the variable that named it (for messages). */
export interface EgressProxy {
  /** as given, credentials included: only the transport reads it, and never shows it whole */
  readonly url: URL;
  readonly variable: string;
}

/** Why a request was retried: the `reason` label of the retries counter. */
export const RETRY_REASONS = ['rate_limited', 'server_error', 'timeout', 'network_error'] as const;
export type RetryReason = (typeof RETRY_REASONS)[number];

/** What the client reports about each request; the metrics module implements it. */
export interface ApiObserver {
  /** One HTTP exchange finished: `code` is the status as a string, or `timeout` / `network_error`. */
  request(endpoint: EndpointName, code: string, durationSeconds: number): void;
  /**
   * A Digest challenge was answered: a 401 that asked for credentials (the first of an API-key
   * conversation, a stale nonce), not an answer to them. Not reported as a request.
   */
  challenge(endpoint: EndpointName): void;
  retry(endpoint: EndpointName, reason: RetryReason): void;
  rateLimitRemaining(endpoint: EndpointName, remaining: number): void;
  /** Atlas said how large this endpoint's token bucket is (`RateLimit-Limit`). */
  rateLimitCapacity(endpoint: EndpointName, capacity: number): void;
  /** Atlas announced a `Sunset` date for this endpoint. */
  sunset(endpoint: EndpointName, timestampSeconds: number): void;
}

/** Takes a body in text chunks as it arrives; `write` and `end` throw when it is malformed, saying how. */
export interface BodySink {
  write(text: string): void;
  end(): void;
}

/** Takes a body as it arrives (see BodySink), then gives what it made of it. */
export interface StreamReader<T> extends BodySink {
  result(): T;
}

/** The Atlas Administration API as the collector sees it. */
export interface AtlasClient {
  /**
   * Reads a paged list endpoint page by page (itemsPerPage=500), parsing each raw result with
   * `parseItem` (undefined = skip that item). Throws an AtlasError when a page cannot be read.
   */
  list<T>(
    endpoint: ListEndpoint,
    parseItem: (raw: unknown) => T | undefined,
    signal: AbortSignal,
  ): AsyncGenerator<Page<T>, void, undefined>;
  /**
   * Reads one resource (not a list) and returns its JSON body, unparsed. Throws an AtlasError
   * when it cannot be read; `status` and `errorCode` say why.
   */
  get(endpoint: ListEndpoint, signal: AbortSignal): Promise<unknown>;
  /**
   * Reads one resource whose body may be larger than any list page (an invoice's line items):
   * its body goes to a reader as it arrives, a new one per attempt, so memory does not grow with
   * it. Resolves with the reader's result; a body it refuses is a malformed answer (thrown).
   */
  getStreamed<T>(endpoint: ListEndpoint, reader: () => StreamReader<T>, signal: AbortSignal): Promise<T>;
  /** Releases connections; pending requests are aborted. */
  close(): Promise<void>;
}
