import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { scheduleEndpoint } from '../collectors/schedule/endpoints.js';
import { snapshotEndpoints } from '../collectors/snapshots/endpoints.js';
import { flexEndpoints } from '../kinds/flex/endpoints.js';
import { parseFlexCluster } from '../kinds/flex/schema.js';
import { projectEndpoints } from '../resources/projects/endpoints.js';
import { parseGroup } from '../resources/projects/schema.js';
import type { AtlasClient } from './api.js';
import {
  type AtlasError,
  AtlasHttpError,
  AtlasMalformedResponseError,
  AtlasNetworkError,
  AtlasTimeoutError,
} from './errors.js';
import {
  chunkReaders,
  collect,
  type Handler,
  json,
  loopbackAtlas,
  startServer,
  testClient,
  withToken,
} from './test-helpers.js';

const page = { links: [], results: [{ id: 'g1', name: 'P', orgId: 'o' }], totalCount: 1 };
const atlas = loopbackAtlas();

async function setup(api: Handler, overrides: Parameters<typeof testClient>[1] = {}) {
  atlas.server = await startServer(withToken(api));
  const made = testClient(atlas.server.url, overrides);
  atlas.client = made.client;
  return made;
}

const listGroups = (signal = new AbortController().signal) =>
  collect((atlas.client as AtlasClient).list(projectEndpoints.groups(), parseGroup, signal));
const failure = (): Promise<AtlasError> =>
  listGroups().then(
    () => {
      throw new Error('expected the list to fail');
    },
    (e: unknown) => e as AtlasError,
  );
const apiCodes = (calls: { requests: Array<[string, string]> }) =>
  calls.requests.filter(([e]) => e !== 'oauth_token').map(([, c]) => c);

/** Fails the first `n` API requests with `fail`, then serves the page. */
function failFirst(n: number, fail: Handler): Handler {
  let count = 0;
  return (req, res, seen) => (count++ < n ? fail(req, res, seen) : json(res, 200, page));
}

describe('retries', () => {
  it('retries a 429 after Retry-After, then succeeds', async () => {
    const made = await setup(
      failFirst(1, (_q, res) =>
        json(res, 429, { error: 429, errorCode: 'RATE_LIMITED_TOKEN_BUCKET' }, { 'retry-after': '7' }),
      ),
      { random: () => 0 },
    );
    expect(await listGroups()).toHaveLength(1);
    expect(made.sleeps).toEqual([7000]);
    expect(made.calls.retries).toEqual([['groups', 'rate_limited']]);
    expect(apiCodes(made.calls)).toEqual(['429', '200']);
  });

  it('retries a 503 with growing backoff, then succeeds', async () => {
    const made = await setup(
      failFirst(2, (_q, res) => json(res, 503, { error: 503, errorCode: 'SERVICE_UNAVAILABLE' })),
      { random: () => 0.5 },
    );
    expect(await listGroups()).toHaveLength(1);
    expect(made.sleeps).toEqual([500, 1000]);
    expect(made.calls.retries).toEqual([
      ['groups', 'server_error'],
      ['groups', 'server_error'],
    ]);
  });

  it('stops after maxRetries with an HTTP error carrying the Atlas code', async () => {
    const made = await setup(
      (_q, res) => json(res, 500, { error: 500, errorCode: 'UNEXPECTED_ERROR', detail: 'Oops.' }),
      {
        maxRetries: 2,
      },
    );
    const err = await failure();
    expect(err).toBeInstanceOf(AtlasHttpError);
    expect(err).toMatchObject({
      code: 'ATLAS_HTTP_ERROR',
      status: 500,
      errorCode: 'UNEXPECTED_ERROR',
      detail: 'Oops.',
    });
    expect(err.message).toBe(
      'GET groups /api/atlas/v2/groups: HTTP 500 UNEXPECTED_ERROR: Oops. (retries exhausted)',
    );
    expect(apiCodes(made.calls)).toEqual(['500', '500', '500']);
  });

  it('does not retry a 404 or a 501', async () => {
    const made = await setup((q, res) =>
      q.url?.includes('flexClusters')
        ? json(res, 501, { error: 501, errorCode: 'NOT_IMPLEMENTED' })
        : json(res, 404, { error: 404, errorCode: 'GROUP_NOT_FOUND', detail: 'No group with ID g1 exists.' }),
    );
    expect(await failure()).toMatchObject({ status: 404, errorCode: 'GROUP_NOT_FOUND', endpoint: 'groups' });
    const flex = await collect(
      (atlas.client as AtlasClient).list(
        flexEndpoints.clusters('g1'),
        parseFlexCluster,
        new AbortController().signal,
      ),
    ).catch((e: unknown) => e);
    expect(flex).toMatchObject({ status: 501, endpoint: 'flex_clusters' });
    expect(made.calls.retries).toEqual([]);
  });

  it('gives an HTTP error for an HTML 502 page without quoting it', async () => {
    await setup(
      (_q, res) => {
        res.writeHead(502, { 'content-type': 'text/html' });
        res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
      },
      { maxRetries: 1 },
    );
    const err = await failure();
    expect(err).toBeInstanceOf(AtlasHttpError);
    expect(err.status).toBe(502);
    expect(err.errorCode).toBeUndefined();
    expect(err.message).not.toContain('<html>');
  });
});

describe('timeouts and network errors', () => {
  it('reports a slow answer as timeout and retries it', async () => {
    const made = await setup(
      failFirst(1, async (_q, res) => {
        await delay(300);
        json(res, 200, page);
      }),
      { requestTimeoutMs: 50 },
    );
    expect(await listGroups()).toHaveLength(1);
    expect(apiCodes(made.calls)).toEqual(['timeout', '200']);
    expect(made.calls.retries).toEqual([['groups', 'timeout']]);
  });

  it('throws AtlasTimeoutError when the body never finishes', async () => {
    const made = await setup(
      (_q, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"results":[');
      },
      { requestTimeoutMs: 50, maxRetries: 0 },
    );
    const err = await failure();
    expect(err).toBeInstanceOf(AtlasTimeoutError);
    expect(err.code).toBe('ATLAS_TIMEOUT');
    expect(err.message).toBe(
      `GET groups /api/atlas/v2/groups: timed out waiting for ${new URL(atlas.server?.url ?? '').host} (retries exhausted)`,
    );
    expect(apiCodes(made.calls)).toEqual(['timeout']);
  });

  it('reports a connection reset as network_error and retries it', async () => {
    const made = await setup(
      failFirst(1, (req) => {
        req.socket.destroy();
      }),
    );
    expect(await listGroups()).toHaveLength(1);
    expect(apiCodes(made.calls)).toEqual(['network_error', '200']);
    expect(made.calls.retries).toEqual([['groups', 'network_error']]);
  });

  it('never sends, counts or retries a request undici refuses to build', async () => {
    // A header with CR/LF, as a token or a key from a hostile answer could bring.
    const made = await setup((_q, res) => json(res, 200, page), { userAgent: 'agent\r\nX-Injected: 1' });
    const err = await failure();
    expect(err).toMatchObject({ code: 'ATLAS_CLIENT_ERROR', endpoint: 'oauth_token' });
    expect(err.message).toContain('UND_ERR_INVALID_ARG');
    expect(atlas.server?.seen).toEqual([]);
    expect(made.calls.requests).toEqual([]);
    expect(made.calls.retries).toEqual([]);
    expect(made.sleeps).toEqual([]);
  });

  it('throws AtlasNetworkError when resets go on', async () => {
    await setup(
      (req) => {
        req.socket.destroy();
      },
      { maxRetries: 1 },
    );
    const err = await failure();
    expect(err).toBeInstanceOf(AtlasNetworkError);
    expect(err.code).toBe('ATLAS_NETWORK_ERROR');
    // The host a firewall or proxy rule names; the path without its paging query.
    expect(err.message).toBe(
      `GET groups /api/atlas/v2/groups: UND_ERR_SOCKET reaching ${new URL(atlas.server?.url ?? '').host} (retries exhausted)`,
    );
  });
});

describe('bodies', () => {
  it.each([
    ['not JSON', 'hello'],
    ['truncated JSON', '{"results":[{"id":"g1"'],
  ])('throws malformed on %s', async (_name, body) => {
    await setup((_q, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    });
    const err = await failure();
    expect(err).toBeInstanceOf(AtlasMalformedResponseError);
    expect(err.code).toBe('ATLAS_MALFORMED_RESPONSE');
  });

  it('refuses a body over the size cap, counted with its status and not retried', async () => {
    const made = await setup((_q, res) => json(res, 200, { ...page, padding: 'x'.repeat(10_000) }), {
      maxBodyBytes: 1_000,
    });
    const err = await failure();
    expect(err).toBeInstanceOf(AtlasMalformedResponseError);
    expect(err.message).toContain('body exceeds 1000 bytes');
    expect(apiCodes(made.calls)).toEqual(['200']);
    expect(made.calls.retries).toEqual([]);
  });

  it('caps bodies by default at 500 items of 16 KiB, the largest page Atlas sends', async () => {
    const items = (n: number, size: number) =>
      Array.from({ length: n }, (_, i) => ({ id: `g${i}`, name: 'x'.repeat(size), orgId: 'o' }));
    await setup((_q, res) => json(res, 200, { links: [], results: items(500, 15_000), totalCount: 500 }));
    expect(await listGroups()).toHaveLength(500);
    atlas.server?.close();
    await setup((_q, res) => json(res, 200, { links: [], results: items(500, 17_000), totalCount: 500 }));
    expect((await failure()).message).toContain(`body exceeds ${500 * 16 * 1024} bytes`);
  });

  it('reads a body whose multi-byte characters are split across chunks', async () => {
    const name = 'é€😀'.repeat(50_000);
    await setup((_q, res) =>
      json(res, 200, { links: [], results: [{ id: 'g1', name, orgId: 'o' }], totalCount: 1 }),
    );
    expect(await listGroups()).toMatchObject([{ name }]);
  });
});

describe('limits, abort and headers', () => {
  it('keeps at most maxConcurrency requests in flight', async () => {
    await setup(
      async (_q, res) => {
        await delay(20);
        json(res, 200, page);
      },
      { maxConcurrency: 2 },
    );
    await Promise.all(Array.from({ length: 8 }, () => listGroups()));
    expect(atlas.server?.maxInFlight).toBe(2);
  });

  it('an abort ends a backoff wait at once', async () => {
    atlas.server = await startServer(withToken((_q, res) => json(res, 503, {}, { 'retry-after': '60' })));
    atlas.client = testClient(atlas.server.url, { sleep: undefined as never }).client;
    const controller = new AbortController();
    const started = Date.now();
    const pending = listGroups(controller.signal);
    await delay(50);
    controller.abort(new Error('shutting down'));
    await expect(pending).rejects.toThrow('shutting down');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('an abort ends a request in flight, and close() ends the rest', async () => {
    await setup(async (_q, res) => {
      await delay(5_000);
      json(res, 200, page);
    });
    const controller = new AbortController();
    const first = listGroups(controller.signal);
    const second = listGroups();
    await delay(50);
    controller.abort(new Error('stop'));
    await expect(first).rejects.toThrow('stop');
    const secondFails = expect(second).rejects.toThrow('Atlas client closed');
    await atlas.client?.close();
    await secondFails;
  });

  it('reports RateLimit-Remaining, RateLimit-Limit and Sunset, whatever their case', async () => {
    const made = await setup((_q, res) =>
      json(res, 200, page, {
        'Ratelimit-Remaining': '1187',
        'RATELIMIT-LIMIT': '1200',
        Sunset: 'Thu, 01 Jul 2027 00:00:00 GMT',
      }),
    );
    await listGroups();
    expect(made.calls.remaining).toEqual([['groups', 1187]]);
    expect(made.calls.capacity).toEqual([['groups', 1200]]);
    expect(made.calls.sunsets).toEqual([['groups', Date.parse('2027-07-01T00:00:00Z') / 1000]]);
  });

  it('ignores RateLimit numbers too long to be a bucket, rather than reporting +Inf or pausing', async () => {
    const huge = '9'.repeat(400);
    const made = await setup((_q, res) =>
      json(res, 200, page, { 'RateLimit-Remaining': huge, 'RateLimit-Limit': huge }),
    );
    await listGroups();
    await listGroups();
    expect(made.calls.remaining).toEqual([]);
    expect(made.calls.capacity).toEqual([]);
    // The pacer did not take a bucket of +Inf for a dry one.
    expect(made.sleeps).toEqual([]);
  });

  it('sends the versioned Accept and User-Agent, and logs no secret', async () => {
    const made = await setup((_q, res) => json(res, 200, { results: [] }), { userAgent: 'test-agent/1' });
    await collect(
      (atlas.client as AtlasClient).list(
        snapshotEndpoints.flex('g1', 'c 1'),
        (r) => r,
        new AbortController().signal,
      ),
    );
    const seen = atlas.server?.seen.at(-1);
    expect(seen?.url).toBe(
      '/api/atlas/v2/groups/g1/flexClusters/c%201/backup/snapshots?itemsPerPage=500&pageNum=1&includeCount=true',
    );
    expect(seen?.headers.accept).toBe('application/vnd.atlas.2024-11-13+json');
    expect(seen?.headers['user-agent']).toBe('test-agent/1');
    const logged = made.lines.join('\n');
    expect(logged).toContain('"endpoint":"flex_snapshots"');
    expect(logged).not.toMatch(/Bearer|tok-1|secret/i);
  });
});

describe('get: one resource', () => {
  const schedule = scheduleEndpoint('g1', 'c 1');

  it('sends no paging parameters, the endpoint version, and returns the raw body', async () => {
    const made = await setup((_q, res) => json(res, 200, { policies: [] }));
    expect(await (atlas.client as AtlasClient).get(schedule, new AbortController().signal)).toEqual({
      policies: [],
    });
    expect(atlas.server?.seen.at(-1)?.url).toBe('/api/atlas/v2/groups/g1/clusters/c%201/backup/schedule');
    expect(atlas.server?.seen.at(-1)?.headers.accept).toBe('application/vnd.atlas.2024-08-05+json');
    expect(apiCodes(made.calls)).toEqual(['200']);
  });

  it('throws an HTTP error with the Atlas code, without retrying a 404', async () => {
    const made = await setup((_q, res) =>
      json(res, 404, { error: 404, errorCode: 'BACKUP_CONFIG_NOT_FOUND', detail: 'No backup configuration' }),
    );
    const err = await (atlas.client as AtlasClient)
      .get(schedule, new AbortController().signal)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AtlasHttpError);
    expect(err).toMatchObject({
      status: 404,
      errorCode: 'BACKUP_CONFIG_NOT_FOUND',
      endpoint: 'backup_schedule',
    });
    expect(apiCodes(made.calls)).toEqual(['404']);
  });
});

describe('getStreamed: a body as it arrives', () => {
  const schedule = scheduleEndpoint('g1', 'c 1');
  const signal = new AbortController().signal;
  const failed = (promise: Promise<unknown>): Promise<AtlasError> =>
    promise.then(
      () => {
        throw new Error('expected the read to fail');
      },
      (e: unknown) => e as AtlasError,
    );

  it('gives a 2xx body past the text cap to the reader, its multi-byte characters whole across chunks', async () => {
    const body = JSON.stringify({ name: 'é€😀'.repeat(50_000) });
    const made = await setup(
      (_q, res) => {
        res.end(body);
      },
      { maxBodyBytes: 1_000 },
    );
    const readers = chunkReaders();
    expect(await made.client.getStreamed(schedule, readers.reader, signal)).toBe(body);
    expect(readers.made).toHaveLength(1);
    expect(readers.made[0]?.length).toBeGreaterThan(2);
    expect(apiCodes(made.calls)).toEqual(['200']);
  });

  it('refuses a body over the streamed cap, counted with its status and not retried', async () => {
    const made = await setup(
      (_q, res) => {
        res.end('x'.repeat(20_000));
      },
      { maxStreamedBodyBytes: 10_000 },
    );
    const err = await failed(made.client.getStreamed(schedule, chunkReaders().reader, signal));
    expect(err).toBeInstanceOf(AtlasMalformedResponseError);
    expect(err.message).toContain('body exceeds 10000 bytes');
    expect(apiCodes(made.calls)).toEqual(['200']);
    expect(made.calls.retries).toEqual([]);
  });

  it('makes a body the reader refuses a malformed answer naming the request, counted once and not retried', async () => {
    const made = await setup((_q, res) => {
      res.end('{"a":1}');
    });
    const refusing = () => ({
      write: () => {
        throw new Error('not valid JSON: unexpected "}" at character 3');
      },
      end: () => {},
      result: () => 0,
    });
    const err = await failed(made.client.getStreamed(schedule, refusing, signal));
    expect(err).toBeInstanceOf(AtlasMalformedResponseError);
    expect(err.message).toBe(
      'GET backup_schedule /api/atlas/v2/groups/g1/clusters/c%201/backup/schedule: HTTP 200 body is malformed (not valid JSON: unexpected "}" at character 3)',
    );
    expect(apiCodes(made.calls)).toEqual(['200']);
    expect(made.calls.retries).toEqual([]);
  });

  it('reads error answers as text, and gives each answer that streams a new reader: a retry starts from zero', async () => {
    const body = JSON.stringify({ policies: ['a'.repeat(100_000)] });
    let n = 0;
    const made = await setup(
      (_q, res) => {
        n++;
        if (n === 1) {
          // half an answer, then nothing: the request times out mid-body
          res.writeHead(200);
          res.write(body.slice(0, 50_000));
        } else if (n === 2) json(res, 503, { error: 503, errorCode: 'SERVICE_UNAVAILABLE' });
        else res.end(body);
      },
      { requestTimeoutMs: 300 },
    );
    const readers = chunkReaders();
    expect(await made.client.getStreamed(schedule, readers.reader, signal)).toBe(body);
    expect(readers.made).toHaveLength(2);
    expect(readers.made[0]?.join('')).toBe(body.slice(0, 50_000));
    expect(apiCodes(made.calls)).toEqual(['timeout', '503', '200']);
    expect(made.calls.retries.map(([, why]) => why)).toEqual(['timeout', 'server_error']);
  });
});
