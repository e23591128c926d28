import { describe, expect, it } from 'vitest';
import {
  type DigestChallenge,
  digestAuthorization,
  digestResponse,
  formatNc,
  parseChallenge,
} from './digest.js';

describe('digest math', () => {
  it('matches the RFC 2617 §3.5 example', () => {
    const challenge: DigestChallenge = {
      realm: 'testrealm@host.com',
      nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
      qop: 'auth',
      algorithm: 'MD5',
      opaque: '5ccc069c403ebaf9f0171e9517f40e41',
      stale: false,
    };
    const input = {
      username: 'Mufasa',
      password: 'Circle Of Life',
      method: 'GET',
      uri: '/dir/index.html',
      challenge,
      nc: 1,
      cnonce: '0a4f113b',
    };
    expect(digestResponse(input)).toBe('6629fae49393a05397450978507c4ef1');
    expect(digestAuthorization(input)).toBe(
      'Digest username="Mufasa", realm="testrealm@host.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", ' +
        'uri="/dir/index.html", response="6629fae49393a05397450978507c4ef1", algorithm=MD5, ' +
        'opaque="5ccc069c403ebaf9f0171e9517f40e41", qop=auth, nc=00000001, cnonce="0a4f113b"',
    );
  });

  it.each([
    ['MD5', '8ca523f5e9506fed4657c9700eebdbec'],
    ['SHA-256', '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1'],
  ] as const)('matches the RFC 7616 §3.9.1 example with %s', (algorithm, expected) => {
    const challenge: DigestChallenge = {
      realm: 'http-auth@example.org',
      nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
      qop: 'auth',
      algorithm,
      stale: false,
    };
    const response = digestResponse({
      username: 'Mufasa',
      password: 'Circle of Life',
      method: 'GET',
      uri: '/dir/index.html',
      challenge,
      nc: 1,
      cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
    });
    expect(response).toBe(expected);
  });

  it('formats nc as 8 hex digits', () => {
    expect(formatNc(1)).toBe('00000001');
    expect(formatNc(255)).toBe('000000ff');
    expect(formatNc(0x12345678)).toBe('12345678');
  });
});

describe('parseChallenge', () => {
  it('reads the challenge Atlas sends', () => {
    const header =
      'Digest realm="MMS Public API", domain="", nonce="AbC+dEf/123==", algorithm=MD5, qop="auth", stale=false';
    expect(parseChallenge(header)).toEqual({
      realm: 'MMS Public API',
      nonce: 'AbC+dEf/123==',
      algorithm: 'MD5',
      qop: 'auth',
      stale: false,
    });
  });

  it('reads stale, opaque, a qop list and quoted commas', () => {
    const header = 'digest realm="a, b", qop="auth,auth-int", nonce="n1", opaque="op", stale=TRUE';
    expect(parseChallenge(header)).toEqual({
      realm: 'a, b',
      nonce: 'n1',
      algorithm: 'MD5',
      qop: 'auth',
      opaque: 'op',
      stale: true,
    });
  });

  it('accepts a challenge without qop (RFC 2069) and defaults the algorithm', () => {
    expect(parseChallenge('Digest realm="r", nonce="n"')).toEqual({
      realm: 'r',
      nonce: 'n',
      algorithm: 'MD5',
      stale: false,
    });
  });

  it.each([
    undefined,
    '',
    'Basic realm="x"',
    'Digest realm="r"',
    'Digest realm="r", nonce="n", algorithm=MD5-sess',
    'Digest realm="r", nonce="n", qop="auth-int"',
  ])('rejects %s', (header) => {
    expect(parseChallenge(header)).toBeUndefined();
  });
});
