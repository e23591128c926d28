import { describe, expect, it } from 'vitest';
import { json, loopbackAtlas, startServer, testClient, withToken } from '../../atlas/test-helpers.js';
import { BACKUP_EVENT_TYPES, CLUSTER_EVENT_TYPES } from './endpoints.js';
import { readProjectEvents } from './reader.js';

const atlas = loopbackAtlas();
const GROUP = 'a'.repeat(24);

async function failure(types: readonly string[], sinceMs: number): Promise<Error> {
  const client = atlas.client;
  if (!client) throw new Error('no client');
  return readProjectEvents(client, GROUP, types, sinceMs, new AbortController().signal).then(
    () => {
      throw new Error('expected the read to fail');
    },
    (e: unknown) => e as Error,
  );
}

describe('readProjectEvents', () => {
  it('fails with the same message whatever the types and minDate, so it is logged once', async () => {
    atlas.server = await startServer(
      withToken((_req, res) => json(res, 500, { errorCode: 'UNEXPECTED_ERROR' })),
    );
    atlas.client = testClient(atlas.server.url, { maxRetries: 0 }).client;
    const short = await failure(BACKUP_EVENT_TYPES, 1_800_000_000_000);
    // Long enough that the error message cuts its URL short.
    const long = await failure([...CLUSTER_EVENT_TYPES, ...BACKUP_EVENT_TYPES], 1_800_000_300_000);
    expect(atlas.server.seen.filter((s) => s.url.includes('/events?')).length).toBe(2);
    expect(long.message).toBe(short.message);
    expect(long.message).not.toContain('minDate=20');
    expect(long.message).toContain(`/groups/${GROUP}/events`);
  });
});
