import type { RequestHandler } from 'express';
import type { LiveWebConfig } from './live-web-config.js';
import type { PasswordCheck } from './password-check.js';
import type { RateLimit } from './web-config.js';

function parseBasic(header: string | undefined): { user: string; password: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Go's `rate.Limiter.Allow`: a bucket of `burst` tokens, refilled one per interval. */
function tokenBucket(limit: RateLimit, now: () => number) {
  let tokens = limit.burst;
  let last = now();
  return () => {
    const t = now();
    tokens = Math.min(limit.burst, tokens + (t - last) / limit.intervalMs);
    last = t;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}

/**
 * What `--web.config.file` asks of every request, in exporter-toolkit's order: the rate limit
 * (429), the configured headers, then basic auth (401). The config is asked afresh each time, so
 * new users and headers apply from the next request; a new rate limit starts a full bucket.
 */
export function webGuard(live: LiveWebConfig, passwords: PasswordCheck, now: () => number): RequestHandler {
  let bucket: { limit: RateLimit; allow: () => boolean } | undefined;

  return async (req, res, next) => {
    const config = live.current();
    const limit = config.rateLimit;
    if (limit && bucket?.limit !== limit) bucket = { limit, allow: tokenBucket(limit, now) };
    if (limit && bucket?.allow() === false) {
      res.status(429).type('text/plain').send('Too Many Requests\n');
      return;
    }
    for (const [name, value] of config.headers) res.set(name, value);
    const users = config.basicAuthUsers;
    if (!users) return next();
    const credentials = parseBasic(req.get('authorization'));
    if (credentials) {
      const hash = users.get(credentials.user);
      if (await passwords.verify(credentials.user, credentials.password, hash)) return next();
    }
    res.set('WWW-Authenticate', 'Basic realm="atlas-backup-exporter", charset="UTF-8"');
    res.status(401).type('text/plain').send('Unauthorized\n');
  };
}
