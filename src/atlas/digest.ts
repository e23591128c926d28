import { createHash } from 'node:crypto';

/** The parts of a `WWW-Authenticate: Digest …` challenge we use (RFC 7616). */
export interface DigestChallenge {
  realm: string;
  nonce: string;
  /** `auth` when the server offers it; undefined means the RFC 2069 form without qop. */
  qop?: 'auth';
  algorithm: 'MD5' | 'SHA-256';
  opaque?: string;
  stale: boolean;
}

export interface DigestInput {
  username: string;
  password: string;
  method: string;
  /** Request target as sent: path plus query. */
  uri: string;
  challenge: DigestChallenge;
  /** Nonce count, 1-based; rendered as 8 hex digits. */
  nc: number;
  cnonce: string;
}

/** Splits `k=v, k="v, with comma"` into lower-cased keys and unquoted values. */
function parseParams(text: string): Map<string, string> {
  const params = new Map<string, string>();
  const re = /([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;
  for (const m of text.matchAll(re)) {
    const key = m[1]?.toLowerCase();
    if (!key) continue;
    const value = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '');
    params.set(key, value);
  }
  return params;
}

/** Reads a Digest challenge; undefined when the header is absent, not Digest, or unusable. */
export function parseChallenge(header: string | undefined): DigestChallenge | undefined {
  if (!header) return undefined;
  const m = /^\s*Digest\s+(.*)$/is.exec(header);
  if (!m?.[1]) return undefined;
  const params = parseParams(m[1]);
  const realm = params.get('realm');
  const nonce = params.get('nonce');
  if (realm === undefined || !nonce) return undefined;
  const algorithmText = (params.get('algorithm') ?? 'MD5').toUpperCase();
  if (algorithmText !== 'MD5' && algorithmText !== 'SHA-256') return undefined;
  const qopOptions = params.get('qop');
  const offersAuth = qopOptions?.split(',').some((q) => q.trim().toLowerCase() === 'auth');
  // A server that only offers auth-int (body hashing) is one we cannot answer.
  if (qopOptions !== undefined && !offersAuth) return undefined;
  const challenge: DigestChallenge = {
    realm,
    nonce,
    algorithm: algorithmText,
    stale: params.get('stale')?.toLowerCase() === 'true',
  };
  if (offersAuth) challenge.qop = 'auth';
  const opaque = params.get('opaque');
  if (opaque !== undefined) challenge.opaque = opaque;
  return challenge;
}

function hash(algorithm: DigestChallenge['algorithm'], text: string): string {
  return createHash(algorithm === 'MD5' ? 'md5' : 'sha256')
    .update(text, 'utf8')
    .digest('hex');
}

/** `nc` as the RFC wants it: exactly 8 lower-case hex digits. */
export function formatNc(nc: number): string {
  return nc.toString(16).padStart(8, '0');
}

/** The `response` value of RFC 7616 §3.4.1 (RFC 2617 §3.2.2.1 for MD5). */
export function digestResponse(input: DigestInput): string {
  const { challenge: c } = input;
  const ha1 = hash(c.algorithm, `${input.username}:${c.realm}:${input.password}`);
  const ha2 = hash(c.algorithm, `${input.method}:${input.uri}`);
  if (!c.qop) return hash(c.algorithm, `${ha1}:${c.nonce}:${ha2}`);
  return hash(c.algorithm, `${ha1}:${c.nonce}:${formatNc(input.nc)}:${input.cnonce}:${c.qop}:${ha2}`);
}

function quote(value: string): string {
  return `"${value.replace(/(["\\])/g, '\\$1')}"`;
}

/** The full `Authorization` header value for one request. */
export function digestAuthorization(input: DigestInput): string {
  const c = input.challenge;
  const parts = [
    `username=${quote(input.username)}`,
    `realm=${quote(c.realm)}`,
    `nonce=${quote(c.nonce)}`,
    `uri=${quote(input.uri)}`,
    `response=${quote(digestResponse(input))}`,
    `algorithm=${c.algorithm}`,
  ];
  if (c.opaque !== undefined) parts.push(`opaque=${quote(c.opaque)}`);
  if (c.qop) parts.push(`qop=${c.qop}`, `nc=${formatNc(input.nc)}`, `cnonce=${quote(input.cnonce)}`);
  return `Digest ${parts.join(', ')}`;
}
