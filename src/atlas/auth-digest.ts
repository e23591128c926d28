import { randomBytes } from 'node:crypto';
import type { Authenticator } from './auth.js';
import { type DigestChallenge, digestAuthorization, parseChallenge } from './digest.js';
import { header } from './http.js';

interface Cached {
  challenge: DigestChallenge;
  /** Last nonce count used with this nonce. */
  nc: number;
}

/** 8 hex digits of nc overflow here; re-challenging is cheaper than reasoning about wrap-around. */
const MAX_NC = 0xffffffff;

/**
 * HTTP Digest with a programmatic API key. The nonce of the last challenge is reused with a growing
 * `nc`, so the steady state costs one round trip per request; Atlas answers 401 (often with
 * `stale=true`) when the nonce expires, and the new challenge in that 401 is used at once.
 */
export function createDigestAuth(publicKey: string, privateKey: string): Authenticator {
  let cached: Cached | undefined;

  return {
    async prepare() {},

    header(method, target) {
      if (!cached || cached.nc >= MAX_NC) return undefined;
      cached.nc += 1;
      return digestAuthorization({
        username: publicKey,
        password: privateKey,
        method,
        uri: target,
        challenge: cached.challenge,
        nc: cached.nc,
        cnonce: randomBytes(8).toString('hex'),
      });
    },

    rejected(sent, headers, round) {
      const challenge = parseChallenge(header(headers, 'www-authenticate'));
      if (!challenge) return 'fail';
      // Concurrent requests may bring back the same nonce: its count must keep growing.
      if (cached?.challenge.nonce !== challenge.nonce) cached = { challenge, nc: 0 };
      else cached.challenge = challenge;
      if (sent === undefined) return round <= 2 ? 'challenge' : 'fail';
      if (challenge.stale && round <= 2) return 'challenge';
      // Refused without `stale=true`, yet built on a nonce we had cached, which may have aged out
      // without Atlas saying so: worth the new nonce once. A fresh nonce refused: the key is wrong.
      return round === 1 ? 'again' : 'fail';
    },

    async close() {
      cached = undefined;
    },
  };
}
