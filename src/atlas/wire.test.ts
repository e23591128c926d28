import { describe, expect, it } from 'vitest';
import { AtlasMalformedResponseError } from './errors.js';
import { parsePage } from './page.js';
import { apiErrorFacts, parseToken } from './wire.js';

describe('parsePage', () => {
  it('reads results, totalCount and the next link', () => {
    const body = {
      links: [
        { rel: 'self', href: 'https://cloud.mongodb.com/x?pageNum=1' },
        { rel: 'next', href: 'https://cloud.mongodb.com/x?pageNum=2' },
      ],
      results: [1, 2],
      totalCount: 7,
    };
    expect(parsePage(body, 'groups')).toEqual({
      results: [1, 2],
      totalCount: 7,
      nextHref: 'https://cloud.mongodb.com/x?pageNum=2',
      hasLinks: true,
    });
    expect(parsePage({ results: [], totalCount: 'many' }, 'groups')).toEqual({
      results: [],
      hasLinks: false,
    });
  });

  it.each([null, [], 'x', {}, { results: {} }])('throws malformed on %j', (body) => {
    expect(() => parsePage(body, 'groups')).toThrow(AtlasMalformedResponseError);
  });
});

describe('wire helpers', () => {
  it('reads an ApiError, an OAuth error and nothing from HTML', () => {
    const api = {
      error: 404,
      errorCode: 'GROUP_NOT_FOUND',
      detail: 'No group with ID 1 exists.',
      reason: 'Not Found',
    };
    expect(apiErrorFacts(JSON.stringify(api))).toEqual({
      errorCode: 'GROUP_NOT_FOUND',
      detail: 'No group with ID 1 exists.',
    });
    const oauth = { error: 'invalid_client', error_description: 'bad client' };
    expect(apiErrorFacts(JSON.stringify(oauth))).toEqual({
      errorCode: 'invalid_client',
      detail: 'bad client',
    });
    expect(apiErrorFacts('<html><body>502 Bad Gateway</body></html>')).toEqual({});
  });

  it('reads a token answer', () => {
    expect(parseToken('{"access_token":"t","expires_in":120}', 'x')).toEqual({
      accessToken: 't',
      expiresInSeconds: 120,
    });
    expect(parseToken('{"access_token":"t"}', 'x').expiresInSeconds).toBe(3600);
    expect(() => parseToken('{"token_type":"Bearer"}', 'x')).toThrow(AtlasMalformedResponseError);
  });

  it.each([
    ['a CR/LF', 'abc\r\nX-Injected: 1'],
    ['a space', 'abc def'],
    ['a character outside the b64token set', 'abc"def'],
    ['a non-ASCII character', 'abcé'],
    ['padding before the end', 'ab=c'],
  ])('refuses a token with %s, without quoting it', (_what, token) => {
    const read = () => parseToken(JSON.stringify({ access_token: token }), 'POST oauth_token');
    expect(read).toThrow("Atlas's token endpoint answered an unusable token");
    expect(read).toThrow(AtlasMalformedResponseError);
    expect(read).not.toThrow(token);
  });

  it('takes every token RFC 6750 allows', () => {
    const token = 'eyJhbGciOi.JIUzI1NiJ9-_~+/AZaz09==';
    expect(parseToken(JSON.stringify({ access_token: token }), 'x').accessToken).toBe(token);
  });
});
