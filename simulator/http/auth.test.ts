import { afterEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../index.js';
import {
  basic,
  challengeParams,
  digestHeader,
  manualClock,
  oauthToken,
  send,
  V2,
  V2023,
} from '../test-helpers.js';

describe('simulator auth', () => {
  let sim: Simulator;
  const clock = manualClock();
  afterEach(() => sim.close());

  const tokenRequest = (authorization: string, body = 'grant_type=client_credentials') =>
    send(`${sim.url}/api/oauth/token`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });

  it('issues expiring Bearer tokens to the service account', async () => {
    sim = await startSimulator({ now: clock.now, tokenTtlSeconds: 60 });
    const { clientId, clientSecret } = sim.credentials.serviceAccount;
    expect(clientId).toMatch(/^mdb_sa_id_[a-f0-9]{24}$/);
    expect(clientSecret).toMatch(/^mdb_sa_sk_\w*_\w*$/);
    const res = await tokenRequest(basic(clientId, clientSecret));
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ token_type: 'Bearer', expires_in: 60 });
    const headers = { authorization: `Bearer ${res.json.access_token}`, accept: V2023 };
    expect((await send(`${sim.url}${V2}/groups`, { headers })).status).toBe(200);
    clock.advance(61_000);
    const expired = await send(`${sim.url}${V2}/groups`, { headers });
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toMatch(/^Digest realm="MMS Public API"/);
  });

  it('rejects wrong, form-encoded or missing client credentials and other grants', async () => {
    sim = await startSimulator({ now: clock.now });
    const { clientId, clientSecret } = sim.credentials.serviceAccount;
    const wrong = await tokenRequest(basic(clientId, 'nope'));
    expect(wrong.status).toBe(401);
    expect(wrong.json.error).toBe('invalid_client');
    // oauth4webapi's form encoding turns `_` into %5F; Atlas rejects that.
    const encoded = await tokenRequest(
      basic(encodeURIComponent(clientId).replace(/_/g, '%5F'), clientSecret),
    );
    expect(encoded.status).toBe(401);
    expect((await tokenRequest('')).status).toBe(401);
    expect((await tokenRequest(basic(clientId, clientSecret), 'grant_type=password')).status).toBe(400);
    const bogus = await send(`${sim.url}${V2}/groups`, {
      headers: { authorization: 'Bearer nope', accept: V2023 },
    });
    expect(bogus.status).toBe(401);
  });

  it('accepts overridden credentials', async () => {
    const serviceAccount = { clientId: 'mdb_sa_id_0123456789abcdef01234567', clientSecret: 'mdb_sa_sk_x_y' };
    sim = await startSimulator({ now: clock.now, serviceAccount });
    expect(sim.credentials.serviceAccount).toEqual(serviceAccount);
    expect(await oauthToken(sim)).toBeTruthy();
  });

  it('speaks HTTP Digest: challenge, nonce reuse with rising nc, replay, stale nonce', async () => {
    sim = await startSimulator({ now: clock.now, nonceTtlSeconds: 30 });
    const { publicKey: user, privateKey: pass } = sim.credentials.apiKey;
    const uri = `${V2}/groups?itemsPerPage=2`;
    const get = (authorization?: string) =>
      send(`${sim.url}${uri}`, { headers: { accept: V2023, ...(authorization ? { authorization } : {}) } });

    const first = await get();
    expect(first.status).toBe(401);
    const header = first.headers.get('www-authenticate') ?? '';
    expect(header).toMatch(
      /^Digest realm="MMS Public API", domain="", nonce="[^"]{32}", algorithm=MD5, qop="auth", stale=false$/,
    );
    expect(first.json).toEqual({
      detail: 'You are not authorized for this resource.',
      error: 401,
      errorCode: 'UNEXPECTED_ERROR',
      parameters: [],
      reason: 'Unauthorized',
    });
    const nonce = challengeParams(header).nonce ?? '';
    expect((await get(digestHeader({ user, pass, nonce, uri, nc: 1 }))).status).toBe(200);
    expect((await get(digestHeader({ user, pass, nonce, uri, nc: 2 }))).status).toBe(200);
    expect((await get(digestHeader({ user, pass, nonce, uri, nc: 2 }))).status).toBe(401);
    expect((await get(digestHeader({ user, pass: 'wrong', nonce, uri, nc: 3 }))).status).toBe(401);
    expect((await get(digestHeader({ user, pass, nonce, uri: `${V2}/groups`, nc: 4 }))).status).toBe(401);

    clock.advance(31_000);
    const stale = await get(digestHeader({ user, pass, nonce, uri, nc: 5 }));
    expect(stale.status).toBe(401);
    expect(stale.headers.get('www-authenticate')).toMatch(/stale=true$/);
    const fresh = challengeParams(stale.headers.get('www-authenticate')).nonce ?? '';
    expect((await get(digestHeader({ user, pass, nonce: fresh, uri, nc: 1 }))).status).toBe(200);
    const wrong = await get(digestHeader({ user, pass: 'wrong', nonce: 'made-up', uri, nc: 1 }));
    expect(wrong.headers.get('www-authenticate')).toMatch(/stale=false$/);
  });
});
