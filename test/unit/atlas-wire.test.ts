import { describe, expect, it } from 'vitest';
import { AtlasMalformedResponseError } from '../../src/atlas/errors.js';
import { parsePage } from '../../src/atlas/page.js';
import { apiErrorFacts, parseToken } from '../../src/atlas/wire.js';

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
    expect(apiErrorFacts(Buffer.from(JSON.stringify(api)))).toEqual({
      errorCode: 'GROUP_NOT_FOUND',
      detail: 'No group with ID 1 exists.',
    });
    const oauth = { error: 'invalid_client', error_description: 'bad client' };
    expect(apiErrorFacts(Buffer.from(JSON.stringify(oauth)))).toEqual({
      errorCode: 'invalid_client',
      detail: 'bad client',
    });
    expect(apiErrorFacts(Buffer.from('<html><body>502 Bad Gateway</body></html>'))).toEqual({});
  });

  it('reads a token answer', () => {
    expect(parseToken(Buffer.from('{"access_token":"t","expires_in":120}'), 'x')).toEqual({
      accessToken: 't',
      expiresInSeconds: 120,
    });
    expect(parseToken(Buffer.from('{"access_token":"t"}'), 'x').expiresInSeconds).toBe(3600);
    expect(() => parseToken(Buffer.from('{"token_type":"Bearer"}'), 'x')).toThrow(
      AtlasMalformedResponseError,
    );
  });
});
