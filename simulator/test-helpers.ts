import { createHash } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { type Simulator, startSimulator } from './index.js';

/** The clock the simulator tests run on, unless a test moves it. */
export const FIXED_NOW = Date.parse('2026-11-28T12:00:00Z');
export const V2023 = 'application/vnd.atlas.2023-01-01+json';
export const V2024 = 'application/vnd.atlas.2024-11-13+json';
export const V2 = '/api/atlas/v2';

/** A clock the test can move. */
export function manualClock(start = FIXED_NOW) {
  let t = start;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: test bodies are inspected freely
  json: any;
}

export async function send(url: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(url, init);
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

export function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

export async function oauthToken(sim: Simulator): Promise<string> {
  const { clientId, clientSecret } = sim.credentials.serviceAccount;
  const res = await send(`${sim.url}/api/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: basic(clientId, clientSecret),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  if (res.status !== 200) throw new Error(`token: ${res.status} ${res.text}`);
  return res.json.access_token as string;
}

/** A v2 GET with a Bearer token; `accept` defaults to the version the path needs. */
export function apiGet(sim: Simulator, token: string, path: string, accept?: string): Promise<Answer> {
  const version = accept ?? (/flexClusters/.test(path) ? V2024 : V2023);
  return send(`${sim.url}${path}`, { headers: { authorization: `Bearer ${token}`, accept: version } });
}

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

export function challengeParams(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of (header ?? '').matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]+))/g)) {
    if (m[1]) out[m[1]] = m[2] ?? m[3] ?? '';
  }
  return out;
}

/** The Authorization header a Digest client sends for `uri` (path and query). */
export function digestHeader(opts: {
  user: string;
  pass: string;
  nonce: string;
  uri: string;
  nc: number;
  method?: string;
}) {
  const nc = opts.nc.toString(16).padStart(8, '0');
  const cnonce = 'a1b2c3d4e5f60718';
  const ha1 = md5(`${opts.user}:MMS Public API:${opts.pass}`);
  const ha2 = md5(`${opts.method ?? 'GET'}:${opts.uri}`);
  const response = md5(`${ha1}:${opts.nonce}:${nc}:${cnonce}:auth:${ha2}`);
  return (
    `Digest username="${opts.user}", realm="MMS Public API", nonce="${opts.nonce}", uri="${opts.uri}", ` +
    `response="${response}", algorithm="MD5", qop=auth, nc=${nc}, cnonce="${cnonce}"`
  );
}

/**
 * One simulator for a describe block of contract tests, at FIXED_NOW with the Cloud Backup rate
 * limit Atlas documents (RateLimit-Limit 1200), and a GET with its token.
 */
export function contractSession(defaultAccept?: string) {
  const session = {
    sim: undefined as unknown as Simulator,
    token: '',
    get: (path: string, accept = defaultAccept) => apiGet(session.sim, session.token, path, accept),
  };
  beforeAll(async () => {
    session.sim = await startSimulator({
      now: () => FIXED_NOW,
      rateLimit: { capacity: 1200, refillMs: 60_000 },
    });
    session.token = await oauthToken(session.sim);
  });
  afterAll(() => session.sim.close());
  return session;
}
