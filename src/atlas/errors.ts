import type { EndpointName } from './endpoints.js';

/** What every Atlas error carries; messages are one line and never hold credentials or tokens. */
export interface AtlasErrorFacts {
  readonly endpoint: EndpointName;
  readonly status?: number;
  /** Atlas's own `errorCode` from an ApiError body (e.g. GROUP_NOT_FOUND). */
  readonly errorCode?: string;
  readonly detail?: string;
  /** the date of the answer's Sunset header, in ms: when Atlas said it would remove the endpoint */
  readonly sunsetMs?: number;
  readonly cause?: unknown;
}

/** Base of every error the Atlas client throws; `code` is stable, the message is for humans. */
export class AtlasError extends Error {
  readonly code: string;
  readonly endpoint: EndpointName;
  readonly status?: number;
  readonly errorCode?: string;
  readonly detail?: string;
  readonly sunsetMs?: number;

  constructor(code: string, message: string, facts: AtlasErrorFacts) {
    super(oneLine(message), facts.cause === undefined ? undefined : { cause: facts.cause });
    this.name = new.target.name;
    this.code = code;
    this.endpoint = facts.endpoint;
    if (facts.status !== undefined) this.status = facts.status;
    if (facts.errorCode !== undefined) this.errorCode = facts.errorCode;
    if (facts.detail !== undefined) this.detail = facts.detail;
    if (facts.sunsetMs !== undefined) this.sunsetMs = facts.sunsetMs;
  }
}

/** Atlas answered with a status we do not (or no longer) retry. */
export class AtlasHttpError extends AtlasError {
  constructor(message: string, facts: AtlasErrorFacts) {
    super('ATLAS_HTTP_ERROR', message, facts);
  }
}

/** No complete answer within the request timeout, after retries. */
export class AtlasTimeoutError extends AtlasError {
  constructor(message: string, facts: AtlasErrorFacts) {
    super('ATLAS_TIMEOUT', message, facts);
  }
}

/** Connection refused or reset, DNS failure and the like, after retries. */
export class AtlasNetworkError extends AtlasError {
  constructor(message: string, facts: AtlasErrorFacts) {
    super('ATLAS_NETWORK_ERROR', message, facts);
  }
}

/** The exporter could not send a request at all (a header that cannot be sent); never retried. */
export class AtlasClientError extends AtlasError {
  constructor(message: string, facts: AtlasErrorFacts) {
    super('ATLAS_CLIENT_ERROR', message, facts);
  }
}

/** A body that is not JSON, is truncated, too large, or lacks the shape we need. */
export class AtlasMalformedResponseError extends AtlasError {
  constructor(message: string, facts: AtlasErrorFacts) {
    super('ATLAS_MALFORMED_RESPONSE', message, facts);
  }
}

/** The token endpoint refused the service account, or Atlas kept answering 401. */
export class AtlasAuthError extends AtlasError {
  constructor(message: string, facts: AtlasErrorFacts) {
    super('ATLAS_AUTH_FAILED', message, facts);
  }
}

/** A list did not end within the page cap, or its `next` links went round in a circle. */
export class AtlasPagingError extends AtlasError {
  constructor(message: string, facts: AtlasErrorFacts) {
    super('ATLAS_PAGING_LIMIT', message, facts);
  }
}

/**
 * A request as messages name it: method, endpoint label and path. Never the query: paging
 * parameters are noise in a log line, and a filter's values are no one's business there.
 */
export function requestLine(req: { method: string; endpoint: EndpointName; target: string }): string {
  return `${req.method} ${req.endpoint} ${req.target.split('?', 1)[0]}`;
}

/** Collapses whitespace so a message stays on one log line, and bounds its length. */
export function oneLine(text: string, max = 500): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
