import type { Authenticator } from './auth.js';
import { OAUTH_TOKEN_PATH } from './endpoints.js';
import { AtlasAuthError, AtlasHttpError } from './errors.js';
import { type SendContext, send } from './request.js';
import { parseToken } from './wire.js';

interface Token {
  readonly value: string;
  /** ms since the epoch (ctx.now clock) after which we no longer use it */
  readonly renewAt: number;
  readonly obtainedAt: number;
  /** fetched because Atlas refused the token before it */
  readonly replacesRefused: boolean;
  /** Atlas answered 401 to it; the next token replaces a refused one */
  readonly refused: boolean;
}

/**
 * A 401 on a token that replaced a refused one, within this long of getting it, is about
 * permissions (a project the account may not read), not about the token: replacing it again
 * would cost a token request per unreadable project and refresh, against Atlas's limits of 50
 * token requests a minute and 100 live tokens.
 */
const FRESH_TOKEN_MS = 5 * 60_000;

/** Renew a minute early, or a tenth of the lifetime for short-lived tokens. */
export function renewalMarginMs(lifetimeMs: number): number {
  return Math.min(60_000, lifetimeMs / 10);
}

/**
 * OAuth 2.0 client credentials for a service account. The token is cached until shortly before it
 * expires (Atlas allows 50 token requests a minute and 100 live tokens per account), concurrent
 * callers share one token request, and a 401 from the API buys exactly one fresh token, with
 * which the request is sent once more.
 */
export function createOAuthAuth(
  ctx: SendContext,
  clientId: string,
  clientSecret: string,
  /** The client's lifetime signal: one caller's abort must not fail the others sharing a fetch. */
  lifetime: AbortSignal,
): Authenticator {
  // Raw id and secret: form-encoding them first (as some OAuth libraries do) turns `_` into %5F,
  // which Atlas rejects.
  const basic = `Basic ${Buffer.from(`${clientId}:${clientSecret}`, 'utf8').toString('base64')}`;
  let token: Token | undefined;
  let pending: Promise<void> | undefined;

  async function fetchToken(): Promise<void> {
    const requestedAt = ctx.now();
    const replacesRefused = token?.refused ?? false;
    try {
      const answer = await send(
        ctx,
        {
          method: 'POST',
          endpoint: 'oauth_token',
          target: OAUTH_TOKEN_PATH,
          accept: 'application/json',
          contentType: 'application/x-www-form-urlencoded',
          body: 'grant_type=client_credentials',
          authorization: basic,
        },
        undefined,
        lifetime,
      );
      const parsed = parseToken(answer.body, `POST oauth_token ${OAUTH_TOKEN_PATH}`);
      const lifetimeMs = parsed.expiresInSeconds * 1000;
      token = {
        value: parsed.accessToken,
        renewAt: requestedAt + lifetimeMs - renewalMarginMs(lifetimeMs),
        obtainedAt: requestedAt,
        replacesRefused,
        refused: false,
      };
    } catch (err) {
      // 4xx other than 429: the account or its secret is refused; retrying later will not help.
      if (
        err instanceof AtlasHttpError &&
        err.status !== undefined &&
        err.status < 500 &&
        err.status !== 429
      ) {
        throw new AtlasAuthError(err.message, {
          endpoint: 'oauth_token',
          status: err.status,
          errorCode: err.errorCode,
          detail: err.detail,
        });
      }
      throw err;
    }
  }

  function waitFor(promise: Promise<void>, signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  return {
    async prepare(signal) {
      if (token && ctx.now() < token.renewAt) return;
      pending ??= fetchToken().finally(() => {
        pending = undefined;
      });
      await waitFor(pending, signal);
    },

    header() {
      return token ? `Bearer ${token.value}` : undefined;
    },

    rejected(sent, _headers, round) {
      // The request was refused with the token fetched for it: that is no stale token.
      if (round > 1) return 'fail';
      if (token && sent === `Bearer ${token.value}`) {
        if (token.replacesRefused && ctx.now() - token.obtainedAt < FRESH_TOKEN_MS) return 'fail';
        // Revoked, or forgotten by Atlas, however young: due for renewal, not dropped, so that
        // requests already past prepare() still send it instead of going out with nothing.
        token = { ...token, renewAt: Number.NEGATIVE_INFINITY, refused: true };
      }
      return 'again';
    },

    async close() {
      token = undefined;
    },
  };
}
