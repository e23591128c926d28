import { randomBytes } from 'node:crypto';
import type { SimResponse } from './wire.js';

/** Atlas allows at most 100 live access tokens per service account (403 access_denied beyond). */
const MAX_LIVE_TOKENS = 100;

function oauthJson(status: number, body: unknown): SimResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    body: JSON.stringify(body),
  };
}

const invalidClient = () =>
  oauthJson(401, { error: 'invalid_client', error_description: 'Invalid client credentials.' });

/** The service-account token endpoint and the Bearer tokens it has issued. */
export function createOAuth(opts: {
  clientId: string;
  clientSecret: string;
  tokenTtlMs: number;
  now: () => number;
}) {
  const tokens = new Map<string, number>();

  function live(): number {
    const nowMs = opts.now();
    for (const [t, expires] of tokens) if (expires <= nowMs) tokens.delete(t);
    return tokens.size;
  }

  /** Client credentials in a raw Basic header: Atlas rejects a form-encoded id or secret. */
  function basicOk(authorization: string | undefined): boolean {
    const m = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
    if (!m?.[1]) return false;
    return Buffer.from(m[1], 'base64').toString('utf8') === `${opts.clientId}:${opts.clientSecret}`;
  }

  /** POST /api/oauth/token */
  function token(authorization: string | undefined, body: string): SimResponse {
    if (!basicOk(authorization)) return invalidClient();
    if (new URLSearchParams(body).get('grant_type') !== 'client_credentials') {
      return oauthJson(400, {
        error: 'unsupported_grant_type',
        error_description: 'Unsupported grant type.',
      });
    }
    if (live() >= MAX_LIVE_TOKENS) {
      return oauthJson(403, {
        error: 'access_denied',
        error_description:
          'Access Token limit reached. Please use the existing Access Tokens or create a new Service Account.',
      });
    }
    const accessToken = randomBytes(32).toString('base64url');
    tokens.set(accessToken, opts.now() + opts.tokenTtlMs);
    return oauthJson(200, {
      access_token: accessToken,
      expires_in: Math.round(opts.tokenTtlMs / 1000),
      token_type: 'Bearer',
    });
  }

  /** POST /api/oauth/revoke: 200 whether or not the token was live. */
  function revoke(authorization: string | undefined, body: string): SimResponse {
    if (!basicOk(authorization)) return invalidClient();
    tokens.delete(new URLSearchParams(body).get('token') ?? '');
    return { status: 200, headers: { 'content-length': '0' }, body: '' };
  }

  function check(bearer: string): boolean {
    const expires = tokens.get(bearer);
    return expires !== undefined && expires > opts.now();
  }

  return { token, revoke, check, liveTokens: live };
}
