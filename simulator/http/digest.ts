import { createHash, randomBytes } from 'node:crypto';

export const DIGEST_REALM = 'MMS Public API';

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

export type DigestVerdict = 'ok' | 'stale' | 'denied';

/** Splits `Digest a="b", c=d` into its parameters (quoted values may contain commas). */
export function parseDigestHeader(header: string): Record<string, string> | undefined {
  if (!/^Digest\s/i.test(header)) return undefined;
  const params: Record<string, string> = {};
  for (const m of header.slice(7).matchAll(/([a-zA-Z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g)) {
    const key = m[1];
    if (key) params[key.toLowerCase()] = m[2] ?? m[3] ?? '';
  }
  return params;
}

/**
 * HTTP Digest as Atlas does it: MD5, qop=auth, a nonce valid for `nonceTtlMs`. A live nonce may be
 * reused with an increasing nc; an expired one gets a fresh challenge with stale=true.
 */
export function createDigestAuth(opts: {
  publicKey: string;
  privateKey: string;
  nonceTtlMs: number;
  now: () => number;
}) {
  const nonces = new Map<string, { issuedMs: number; usedNc: Set<number> }>();

  function challenge(stale: boolean): string {
    const nowMs = opts.now();
    for (const [n, v] of nonces) if (nowMs - v.issuedMs > opts.nonceTtlMs * 4) nonces.delete(n);
    const nonce = randomBytes(24).toString('base64').slice(0, 32);
    nonces.set(nonce, { issuedMs: nowMs, usedNc: new Set() });
    return `Digest realm="${DIGEST_REALM}", domain="", nonce="${nonce}", algorithm=MD5, qop="auth", stale=${stale}`;
  }

  /** `uri` is the request target as received (path and query). */
  function verify(method: string, uri: string, header: string): DigestVerdict {
    const p = parseDigestHeader(header);
    if (!p || p.username !== opts.publicKey || p.realm !== DIGEST_REALM || p.uri !== uri) return 'denied';
    if ((p.algorithm ?? 'MD5').toUpperCase() !== 'MD5' || p.qop !== 'auth') return 'denied';
    const { nonce = '', nc = '', cnonce = '', response = '' } = p;
    if (!/^[0-9a-fA-F]{8}$/.test(nc) || cnonce === '') return 'denied';
    const ha1 = md5(`${p.username}:${DIGEST_REALM}:${opts.privateKey}`);
    const ha2 = md5(`${method}:${uri}`);
    if (md5(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`) !== response.toLowerCase()) return 'denied';
    // The credentials are right; only now does the nonce's freshness matter.
    const state = nonces.get(nonce);
    if (!state || opts.now() - state.issuedMs > opts.nonceTtlMs) return 'stale';
    // A replayed count is refused; counts may arrive out of order when requests run concurrently.
    const count = Number.parseInt(nc, 16);
    if (state.usedNc.has(count)) return 'denied';
    state.usedNc.add(count);
    return 'ok';
  }

  return { challenge, verify };
}
