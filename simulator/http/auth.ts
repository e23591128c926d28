import { hex, mulberry32, token } from '../world/prng.js';
import { createDigestAuth } from './digest.js';
import { createOAuth } from './oauth.js';
import { apiError, type SimResponse } from './wire.js';

/** The credentials the simulator accepts: a service account and a programmatic API key. */
export interface SimCredentials {
  serviceAccount: { clientId: string; clientSecret: string };
  apiKey: { publicKey: string; privateKey: string };
}

/** Stable per seed, shaped like Atlas's (the secret contains `_`, which a form-encoding client breaks). */
export function defaultCredentials(seed: number): SimCredentials {
  const rng = mulberry32(seed ^ 0xc0ffee);
  const uuid = `${hex(rng, 8)}-${hex(rng, 4)}-4${hex(rng, 3)}-a${hex(rng, 3)}-${hex(rng, 12)}`;
  return {
    serviceAccount: {
      clientId: `mdb_sa_id_${hex(rng, 24)}`,
      clientSecret: `mdb_sa_sk_${token(rng, 20)}_${token(rng, 19)}`,
    },
    apiKey: { publicKey: token(rng, 8, 'abcdefghijklmnopqrstuvwxyz'), privateKey: uuid },
  };
}

export interface AuthOptions {
  credentials: SimCredentials;
  tokenTtlMs: number;
  nonceTtlMs: number;
  now: () => number;
}

/** OAuth (Bearer) and HTTP Digest in front of the v2 API. */
export function createAuth(opts: AuthOptions) {
  const oauth = createOAuth({
    ...opts.credentials.serviceAccount,
    tokenTtlMs: opts.tokenTtlMs,
    now: opts.now,
  });
  const digest = createDigestAuth({ ...opts.credentials.apiKey, nonceTtlMs: opts.nonceTtlMs, now: opts.now });

  /** Atlas's answer to missing, wrong or expired credentials: always a fresh Digest challenge. */
  function unauthorized(stale: boolean): SimResponse {
    const headers = { 'www-authenticate': digest.challenge(stale) };
    return apiError(401, 'UNEXPECTED_ERROR', 'You are not authorized for this resource.', [], headers, true);
  }

  /** undefined when the request may proceed; `uri` is the request target as sent (path and query). */
  function check(method: string, uri: string, authorization: string | undefined): SimResponse | undefined {
    const header = authorization ?? '';
    const bearer = /^Bearer\s+(\S+)$/i.exec(header);
    if (bearer?.[1]) return oauth.check(bearer[1]) ? undefined : unauthorized(false);
    if (/^Digest\s/i.test(header)) {
      const verdict = digest.verify(method, uri, header);
      if (verdict === 'ok') return undefined;
      return unauthorized(verdict === 'stale');
    }
    return unauthorized(false);
  }

  return { check, token: oauth.token, revoke: oauth.revoke, liveTokens: oauth.liveTokens };
}

/**
 * The served version, or undefined for a 406. `exact`: Accept must name the endpoint's version;
 * `resolve`: any requested date on or after it is served that version, as Atlas appears to do.
 */
export function acceptedVersion(
  accept: string | undefined,
  version: string,
  mode: 'exact' | 'resolve',
): string | undefined {
  const dates = [...(accept ?? '').matchAll(/application\/vnd\.atlas\.(\d{4}-\d{2}-\d{2})\+json/g)].map(
    (m) => m[1],
  );
  const ok = dates.some((d) => d !== undefined && (mode === 'exact' ? d === version : d >= version));
  return ok ? version : undefined;
}
