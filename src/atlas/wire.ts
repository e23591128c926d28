import type { EndpointName } from './endpoints.js';
import { AtlasMalformedResponseError } from './errors.js';

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses a JSON body; not JSON (an HTML page, a truncated answer) throws a malformed error. */
export function parseJson(body: string, endpoint: EndpointName, where: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new AtlasMalformedResponseError(`${where}: body is not valid JSON (${body.length} characters)`, {
      endpoint,
    });
  }
}

/**
 * Atlas's `errorCode` and `detail` from an ApiError body (falling back to the OAuth `error` and
 * `error_description` of the token endpoint). A body that is not JSON gives nothing: proxies
 * answer with HTML, whose text does not belong in an error message.
 */
export function apiErrorFacts(body: string): { errorCode?: string; detail?: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return {};
  }
  if (!isObject(parsed)) return {};
  const facts: { errorCode?: string; detail?: string } = {};
  const errorCode = parsed.errorCode ?? parsed.error;
  if (typeof errorCode === 'string' && errorCode !== '') facts.errorCode = errorCode;
  const detail = parsed.detail ?? parsed.reason ?? parsed.error_description;
  if (typeof detail === 'string' && detail !== '') facts.detail = detail;
  return facts;
}

export interface TokenAnswer {
  accessToken: string;
  expiresInSeconds: number;
}

/** RFC 6750's b64token: what may follow `Bearer ` in a header, so nothing a header could not hold. */
const BEARER_TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/** The token endpoint's answer; without `expires_in` we assume Atlas's documented hour. */
export function parseToken(body: string, where: string): TokenAnswer {
  const parsed = parseJson(body, 'oauth_token', where);
  const token = isObject(parsed) ? parsed.access_token : undefined;
  if (typeof token !== 'string' || token === '') {
    throw new AtlasMalformedResponseError(`${where}: token answer has no access_token`, {
      endpoint: 'oauth_token',
    });
  }
  if (!BEARER_TOKEN.test(token)) {
    // The token itself is never quoted: it is a credential, however broken.
    const detail = "Atlas's token endpoint answered an unusable token (not an RFC 6750 bearer token)";
    throw new AtlasMalformedResponseError(`${where}: ${detail}`, { endpoint: 'oauth_token', detail });
  }
  const expires = isObject(parsed) ? parsed.expires_in : undefined;
  const value = typeof expires === 'string' ? Number(expires) : expires;
  const seconds = typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 3600;
  return { accessToken: token, expiresInSeconds: seconds };
}
