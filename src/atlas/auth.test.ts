import { describe, expect, it } from 'vitest';
import { projectEndpoints } from '../resources/projects/endpoints.js';
import { parseGroup } from '../resources/projects/schema.js';
import type { AtlasClient } from './api.js';
import { type DigestChallenge, digestResponse } from './digest.js';
import { AtlasAuthError } from './errors.js';
import {
  API_KEY,
  chunkReaders,
  collect,
  json,
  loopbackAtlas,
  SERVICE_ACCOUNT,
  type Seen,
  startServer,
  type TestServer,
  testClient,
} from './test-helpers.js';

const signal = new AbortController().signal;
const page = { links: [], results: [{ id: 'g1', name: 'P', orgId: 'o' }], totalCount: 1 };
const atlas = loopbackAtlas();

const listGroups = () =>
  collect((atlas.client as AtlasClient).list(projectEndpoints.groups(), parseGroup, signal));

function params(header: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of header.matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) out.set(m[1] ?? '', m[2] ?? m[3] ?? '');
  return out;
}

/** An Atlas-like Digest server: checks the response, wants nc to grow per nonce, can expire nonces. */
async function digestServer() {
  let nonce = 'nonce-1';
  let nonces = 1;
  let revoked = false;
  const usedNc = new Set<string>();
  const challenge = (res: Parameters<typeof json>[0], stale: boolean) =>
    json(
      res,
      401,
      { error: 401, errorCode: 'UNEXPECTED_ERROR', detail: 'You are not authorized for this resource.' },
      {
        'www-authenticate': `Digest realm="MMS Public API", domain="", nonce="${nonce}", algorithm=MD5, qop="auth", stale=${stale}`,
      },
    );
  const s = await startServer((_req, res, seen: Seen) => {
    const auth = seen.headers.authorization;
    if (!auth || revoked) return challenge(res, false);
    const p = params(auth);
    const c: DigestChallenge = {
      realm: 'MMS Public API',
      nonce: p.get('nonce') ?? '',
      qop: 'auth',
      algorithm: 'MD5',
      stale: false,
    };
    const nc = Number.parseInt(p.get('nc') ?? '', 16);
    const expected = digestResponse({
      username: API_KEY.kind === 'api-key' ? API_KEY.publicKey : '',
      password: API_KEY.kind === 'api-key' ? API_KEY.privateKey : '',
      method: seen.method,
      uri: seen.url,
      challenge: c,
      nc,
      cnonce: p.get('cnonce') ?? '',
    });
    if (p.get('uri') !== seen.url || p.get('response') !== expected || p.get('username') !== 'pubkey')
      return challenge(res, false);
    if (c.nonce !== nonce) return challenge(res, true);
    // A replayed nc is refused; requests in flight together may arrive out of order.
    const key = `${nonce}/${nc}`;
    if (usedNc.has(key) || !/^[0-9a-f]{8}$/.test(p.get('nc') ?? '')) return challenge(res, false);
    usedNc.add(key);
    json(res, 200, page);
  });
  const expire = () => {
    nonces++;
    nonce = `nonce-${nonces}`;
  };
  return { server: s, expire, revoke: () => (revoked = true) };
}

describe('HTTP Digest', () => {
  it('reads the challenge as text and streams only the answer to the credentials', async () => {
    const d = await digestServer();
    atlas.server = d.server;
    const made = testClient(atlas.server.url, { credentials: API_KEY });
    atlas.client = made.client;
    const readers = chunkReaders();
    const text = await made.client.getStreamed(projectEndpoints.groups(), readers.reader, signal);
    expect(JSON.parse(text)).toEqual(page);
    expect(readers.made).toHaveLength(1);
    expect(made.calls.challenges).toEqual(['groups']);
    expect(made.calls.requests.map(([, code]) => code)).toEqual(['200']);
  });

  it('challenges once, then reuses the nonce: one round trip per request', async () => {
    const d = await digestServer();
    atlas.server = d.server;
    const made = testClient(atlas.server.url, { credentials: API_KEY });
    atlas.client = made.client;
    await listGroups();
    expect(atlas.server.seen).toHaveLength(2);
    for (let i = 0; i < 5; i++) await listGroups();
    expect(atlas.server.seen).toHaveLength(7);
    const ncs = atlas.server.seen.slice(1).map((r) => params(r.headers.authorization ?? '').get('nc'));
    expect(ncs).toEqual(['00000001', '00000002', '00000003', '00000004', '00000005', '00000006']);
    // Six requests, each counted by the answer to its credentials; the challenge apart.
    expect(made.calls.requests.map(([, code]) => code)).toEqual(['200', '200', '200', '200', '200', '200']);
    expect(made.calls.challenges).toEqual(['groups']);
    expect(made.calls.retries).toEqual([]);
  });

  it('serves concurrent requests from a cold start without replaying an nc', async () => {
    const d = await digestServer();
    atlas.server = d.server;
    const made = testClient(atlas.server.url, { credentials: API_KEY, maxConcurrency: 4 });
    atlas.client = made.client;
    await Promise.all(Array.from({ length: 10 }, () => listGroups()));
    expect(made.calls.requests).toEqual(Array.from({ length: 10 }, () => ['groups', '200']));
    await listGroups();
    expect(made.calls.requests.at(-1)).toEqual(['groups', '200']);
    // Every request sent before the first challenge came back was challenged, and no other.
    const unsigned = atlas.server.seen.filter((r) => r.headers.authorization === undefined);
    expect(made.calls.challenges).toHaveLength(unsigned.length);
  });

  it('re-challenges on a stale nonce, counted as a challenge, not a 401', async () => {
    const d = await digestServer();
    atlas.server = d.server;
    const made = testClient(atlas.server.url, { credentials: API_KEY });
    atlas.client = made.client;
    await listGroups();
    d.expire();
    await listGroups();
    expect(
      atlas.server.seen.map((r) => params(r.headers.authorization ?? '').get('nonce') ?? 'none'),
    ).toEqual(['none', 'nonce-1', 'nonce-1', 'nonce-2']);
    await listGroups();
    expect(atlas.server.seen).toHaveLength(5);
    expect(made.calls.requests).toEqual([
      ['groups', '200'],
      ['groups', '200'],
      ['groups', '200'],
    ]);
    expect(made.calls.challenges).toEqual(['groups', 'groups']);
  });

  it('counts a key refused on a cached nonce as a 401 each time, though it tries the new nonce', async () => {
    const d = await digestServer();
    atlas.server = d.server;
    const made = testClient(atlas.server.url, { credentials: API_KEY });
    atlas.client = made.client;
    await listGroups();
    d.revoke();
    await expect(listGroups()).rejects.toBeInstanceOf(AtlasAuthError);
    expect(atlas.server.seen).toHaveLength(4);
    expect(made.calls.requests).toEqual([
      ['groups', '200'],
      ['groups', '401'],
      ['groups', '401'],
    ]);
    expect(made.calls.challenges).toEqual(['groups']);
  });

  it('gives up with an auth error on a wrong key, without leaking it', async () => {
    const d = await digestServer();
    atlas.server = d.server;
    const made = testClient(atlas.server.url, {
      credentials: { kind: 'api-key', publicKey: 'pubkey', privateKey: 'WRONG-SECRET' },
    });
    atlas.client = made.client;
    const err = await listGroups().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AtlasAuthError);
    expect(err).toMatchObject({
      code: 'ATLAS_AUTH_FAILED',
      status: 401,
      errorCode: 'UNEXPECTED_ERROR',
      endpoint: 'groups',
    });
    expect(atlas.server.seen).toHaveLength(2);
    expect(made.calls.requests).toEqual([['groups', '401']]);
    expect(made.calls.challenges).toEqual(['groups']);
    expect((err as Error).message).not.toContain('WRONG-SECRET');
    expect(made.lines.join('\n')).not.toContain('WRONG-SECRET');
  });
});

/** Token endpoint + API; `api` may refuse a token by answering 401. */
async function oauthServer(
  options: { expiresIn?: number; refuse?: (token: string) => boolean; tokenStatus?: number } = {},
) {
  let issued = 0;
  return startServer((_req, res, seen) => {
    if (seen.url === '/api/oauth/token') {
      if (options.tokenStatus) {
        return json(res, options.tokenStatus, {
          error: 'invalid_client',
          error_description: 'Invalid client credentials',
        });
      }
      issued++;
      return json(res, 200, {
        access_token: `tok-${issued}`,
        token_type: 'Bearer',
        expires_in: options.expiresIn ?? 3600,
      });
    }
    const token = (seen.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!token.startsWith('tok-') || options.refuse?.(token))
      return json(res, 401, { error: 401, errorCode: 'INVALID_TOKEN' });
    json(res, 200, page);
  });
}

const tokenRequests = (s: TestServer) => s.seen.filter((r) => r.url === '/api/oauth/token');

describe('service account', () => {
  it('sends raw Basic credentials and shares one token among concurrent requests', async () => {
    atlas.server = await oauthServer();
    const made = testClient(atlas.server.url, { credentials: SERVICE_ACCOUNT, maxConcurrency: 3 });
    atlas.client = made.client;
    await Promise.all(Array.from({ length: 10 }, () => listGroups()));
    const tokens = tokenRequests(atlas.server);
    expect(tokens).toHaveLength(1);
    const basic = Buffer.from(
      'mdb_sa_id_0123456789abcdef01234567:mdb_sa_sk_SECRET_with_underscores',
    ).toString('base64');
    expect(tokens[0]).toMatchObject({
      method: 'POST',
      body: 'grant_type=client_credentials',
      headers: expect.objectContaining({
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      }),
    });
    const api = atlas.server.seen.filter((r) => r.url !== '/api/oauth/token');
    expect(api).toHaveLength(10);
    expect(new Set(api.map((r) => r.headers.authorization))).toEqual(new Set(['Bearer tok-1']));
    expect(made.calls.requests.filter(([e]) => e === 'oauth_token')).toEqual([['oauth_token', '200']]);
    expect(made.lines.join('\n')).not.toMatch(/SECRET|tok-1|Basic /);
  });

  it('renews the token shortly before it expires', async () => {
    atlas.server = await oauthServer({ expiresIn: 3600 });
    let now = 1_000_000;
    atlas.client = testClient(atlas.server.url, { credentials: SERVICE_ACCOUNT, now: () => now }).client;
    await listGroups();
    now += 3539_000;
    await listGroups();
    expect(tokenRequests(atlas.server)).toHaveLength(1);
    now += 2_000;
    await listGroups();
    expect(tokenRequests(atlas.server)).toHaveLength(2);
    expect(atlas.server.seen.at(-1)?.headers.authorization).toBe('Bearer tok-2');
  });

  it('fetches a new token once on a 401 to a young token (revoked), then succeeds', async () => {
    let revoked = false;
    atlas.server = await oauthServer({ refuse: (t) => revoked && t === 'tok-1' });
    let nowMs = 1_000_000;
    const made = testClient(atlas.server.url, { credentials: SERVICE_ACCOUNT, now: () => nowMs });
    atlas.client = made.client;
    expect(await listGroups()).toHaveLength(1);
    revoked = true;
    nowMs += 60_000;
    made.calls.requests.length = 0;
    expect(await listGroups()).toHaveLength(1);
    expect(tokenRequests(atlas.server)).toHaveLength(2);
    expect(made.calls.requests.map(([e, c]) => `${e}:${c}`)).toEqual([
      'groups:401',
      'oauth_token:200',
      'groups:200',
    ]);
  });

  it('takes a 401 to the new token as a permission problem, and buys no other for 5 minutes', async () => {
    let nowMs = 1_000_000;
    atlas.server = await oauthServer({ refuse: () => true });
    atlas.client = testClient(atlas.server.url, { credentials: SERVICE_ACCOUNT, now: () => nowMs }).client;
    for (let i = 0; i < 3; i++) {
      const err = await listGroups().catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'ATLAS_AUTH_FAILED', status: 401 });
      nowMs += 60_000;
    }
    // The first 401 bought tok-2; its refusals are about permissions, not about the token.
    expect(tokenRequests(atlas.server)).toHaveLength(2);
    expect(atlas.server.seen.filter((r) => r.url !== '/api/oauth/token')).toHaveLength(4);
    nowMs += 5 * 60_000;
    await listGroups().catch(() => undefined);
    expect(tokenRequests(atlas.server)).toHaveLength(3);
  });

  it('gives up with an auth error when the fresh token is refused too', async () => {
    let refuse = false;
    atlas.server = await oauthServer({ refuse: () => refuse });
    let nowMs = 1_000_000;
    atlas.client = testClient(atlas.server.url, { credentials: SERVICE_ACCOUNT, now: () => nowMs }).client;
    await listGroups();
    refuse = true;
    nowMs += 6 * 60_000;
    const err = await listGroups().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AtlasAuthError);
    expect(err).toMatchObject({ code: 'ATLAS_AUTH_FAILED', status: 401, errorCode: 'INVALID_TOKEN' });
    expect(tokenRequests(atlas.server)).toHaveLength(2);
  });

  it.each([400, 401, 403])(
    'turns a %i from the token endpoint into an auth error without the secret',
    async (status) => {
      atlas.server = await oauthServer({ tokenStatus: status });
      const made = testClient(atlas.server.url, { credentials: SERVICE_ACCOUNT });
      atlas.client = made.client;
      const err = await listGroups().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AtlasAuthError);
      expect(err).toMatchObject({
        code: 'ATLAS_AUTH_FAILED',
        endpoint: 'oauth_token',
        status,
        errorCode: 'invalid_client',
      });
      expect((err as Error).message).toBe(
        `POST oauth_token /api/oauth/token: HTTP ${status} invalid_client: Invalid client credentials`,
      );
      expect(JSON.stringify(err) + String(err)).not.toMatch(/SECRET|Basic/);
      expect(tokenRequests(atlas.server)).toHaveLength(1);
    },
  );
});

describe('an unusable token', () => {
  it('is refused before it is sent or cached: each request asks again, none is retried', async () => {
    atlas.server = await startServer((_req, res, seen) => {
      if (seen.url === '/api/oauth/token') {
        return json(res, 200, {
          access_token: 'tok\r\nX-Injected: 1',
          token_type: 'Bearer',
          expires_in: 3600,
        });
      }
      json(res, 200, page);
    });
    const made = testClient(atlas.server.url, { credentials: SERVICE_ACCOUNT });
    atlas.client = made.client;
    for (let i = 0; i < 2; i++) {
      const err = await listGroups().catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'ATLAS_MALFORMED_RESPONSE', endpoint: 'oauth_token' });
      expect((err as Error).message).toContain("Atlas's token endpoint answered an unusable token");
      expect((err as Error).message).not.toContain('X-Injected');
    }
    expect(tokenRequests(atlas.server)).toHaveLength(2);
    expect(atlas.server.seen.filter((r) => r.url !== '/api/oauth/token')).toEqual([]);
    expect(made.calls.retries).toEqual([]);
    expect(made.lines.join('\n')).not.toContain('X-Injected');
  });
});

describe('a project the credentials may not read', () => {
  it('fails at once on 401 USER_UNAUTHORIZED without renewing the token, however old it is', async () => {
    let nowMs = 1_000_000;
    atlas.server = await startServer((_req, res, seen) => {
      if (seen.url === '/api/oauth/token') {
        return json(res, 200, { access_token: `tok-${nowMs}`, token_type: 'Bearer', expires_in: 3600 });
      }
      json(res, 401, {
        error: 401,
        errorCode: 'USER_UNAUTHORIZED',
        detail: 'Current user is not authorized.',
      });
    });
    atlas.client = testClient(atlas.server.url, { credentials: SERVICE_ACCOUNT, now: () => nowMs }).client;
    for (let i = 0; i < 3; i++) {
      const err = await listGroups().catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'ATLAS_AUTH_FAILED', status: 401, errorCode: 'USER_UNAUTHORIZED' });
      nowMs += 10 * 60_000;
    }
    expect(tokenRequests(atlas.server)).toHaveLength(1);
    expect(atlas.server.seen.filter((r) => r.url !== '/api/oauth/token')).toHaveLength(3);
  });
});
