import type { EndpointName } from './endpoints.js';
import { AtlasMalformedResponseError } from './errors.js';

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses a JSON body; not JSON (an HTML page, a truncated answer) throws a malformed error. */
export function parseJson(body: Buffer, endpoint: EndpointName, where: string): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new AtlasMalformedResponseError(`${where}: body is not valid JSON (${body.length} bytes)`, {
      endpoint,
    });
  }
}

/**
 * Atlas's `errorCode` and `detail` from an ApiError body (falling back to the OAuth `error` and
 * `error_description` of the token endpoint). A body that is not JSON gives nothing: proxies
 * answer with HTML, whose text does not belong in an error message.
 */
export function apiErrorFacts(body: Buffer): { errorCode?: string; detail?: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
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

/** The token endpoint's answer; without `expires_in` we assume Atlas's documented hour. */
export function parseToken(body: Buffer, where: string): TokenAnswer {
  const parsed = parseJson(body, 'oauth_token', where);
  const token = isObject(parsed) ? parsed.access_token : undefined;
  if (typeof token !== 'string' || token === '') {
    throw new AtlasMalformedResponseError(`${where}: token answer has no access_token`, {
      endpoint: 'oauth_token',
    });
  }
  const expires = isObject(parsed) ? parsed.expires_in : undefined;
  const value = typeof expires === 'string' ? Number(expires) : expires;
  const seconds = typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 3600;
  return { accessToken: token, expiresInSeconds: seconds };
}
