import { createHash } from 'node:crypto';
import bcrypt from 'bcryptjs';
import type { RequestHandler } from 'express';

/** Compared against when the user is unknown, so a wrong user name costs as much as a wrong password. */
const DUMMY_HASH = '$2b$10$gFYyBgCj1TTe1x.XuHJaieIIfbsdCVgQlOcFKTCfijMypZo67Z9QK';
const CACHE_LIMIT = 256;

function parseBasic(header: string | undefined): { user: string; password: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * HTTP basic auth against bcrypt hashes, as exporter-toolkit does. A bcrypt check costs tens of
 * milliseconds of CPU; verified credentials are remembered (by a SHA-256 of user, password and
 * hash) so a scrape every few seconds does not pay it each time.
 */
export function basicAuth(users: ReadonlyMap<string, string>): RequestHandler {
  const verified = new Set<string>();

  return async (req, res, next) => {
    const credentials = parseBasic(req.get('authorization'));
    const hash = credentials ? users.get(credentials.user) : undefined;
    if (credentials && hash) {
      const key = createHash('sha256')
        .update(`${credentials.user}\0${credentials.password}\0${hash}`)
        .digest('hex');
      if (verified.has(key) || (await bcrypt.compare(credentials.password, hash))) {
        if (verified.size >= CACHE_LIMIT) verified.clear();
        verified.add(key);
        next();
        return;
      }
    } else {
      await bcrypt.compare(credentials?.password ?? '', DUMMY_HASH);
    }
    res.set('WWW-Authenticate', 'Basic realm="atlas-backup-exporter", charset="UTF-8"');
    res.status(401).type('text/plain').send('Unauthorized\n');
  };
}
