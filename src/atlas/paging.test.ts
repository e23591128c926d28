import { describe, expect, it } from 'vitest';
import { projectEndpoints } from '../resources/projects/endpoints.js';
import { type Group, parseGroup } from '../resources/projects/schema.js';
import type { AtlasClient } from './api.js';
import { AtlasMalformedResponseError, AtlasPagingError } from './errors.js';
import type { Page } from './page.js';
import { nextPageNum } from './paging.js';
import { json, loopbackAtlas, startServer, type TestServer, testClient, withToken } from './test-helpers.js';

const group = (n: number) => ({ id: `g${n}`, name: `Project ${n}`, orgId: 'o1' });
const signal = new AbortController().signal;
const atlas = loopbackAtlas();

/** Serves /groups from `pages(pageNum)`; the test sees which pages were asked for. */
async function serve(pages: (pageNum: number, origin: string) => unknown, maxPages?: number) {
  atlas.server = await startServer(
    withToken((_req, res, seen) => {
      const url = new URL(seen.url, 'http://x');
      json(res, 200, pages(Number(url.searchParams.get('pageNum')), 'http://elsewhere.example'));
    }),
  );
  const made = testClient(atlas.server.url, maxPages === undefined ? {} : { maxPages });
  atlas.client = made.client;
  return atlas.server;
}

async function read(): Promise<Page<Group>[]> {
  const pages: Page<Group>[] = [];
  for await (const page of (atlas.client as AtlasClient).list(projectEndpoints.groups(), parseGroup, signal))
    pages.push(page);
  return pages;
}

function pageNums(s: TestServer): number[] {
  return s.seen
    .filter((r) => r.url.startsWith('/api/atlas'))
    .map((r) => Number(new URL(r.url, 'http://x').searchParams.get('pageNum')));
}

const next = (origin: string, n: number) => ({
  rel: 'next',
  href: `${origin}/api/atlas/v2/groups?includeCount=true&itemsPerPage=500&pageNum=${n}`,
});

describe('paging', () => {
  it('follows next links by pageNum, never the link host, and asks for 500 per page with a count', async () => {
    const s = await serve((n, origin) => ({
      links: n < 3 ? [next(origin, n + 1)] : [],
      results: [group(n)],
      totalCount: 3,
    }));
    const pages = await read();
    expect(pages.flatMap((p) => p.items.map((g) => g.id))).toEqual(['g1', 'g2', 'g3']);
    expect(pageNums(s)).toEqual([1, 2, 3]);
    const first = s.seen.find((r) => r.url.startsWith('/api/atlas'));
    expect(first?.url).toBe('/api/atlas/v2/groups?itemsPerPage=500&pageNum=1&includeCount=true');
    expect(first?.headers.accept).toBe('application/vnd.atlas.2023-01-01+json');
  });

  it('stops once totalCount items were read even if a next link remains', async () => {
    const s = await serve((n, origin) => ({
      links: [next(origin, n + 1)],
      results: [group(n)],
      totalCount: 2,
    }));
    expect((await read()).length).toBe(2);
    expect(pageNums(s)).toEqual([1, 2]);
  });

  it('follows a totalCount that grows between pages', async () => {
    const s = await serve((n, origin) => ({
      links: n < 3 ? [next(origin, n + 1)] : [],
      results: [group(n)],
      totalCount: n === 1 ? 2 : 3,
    }));
    expect((await read()).flatMap((p) => p.items)).toHaveLength(3);
    expect(pageNums(s)).toEqual([1, 2, 3]);
  });

  it('uses the latest totalCount when it shrinks', async () => {
    const s = await serve((n, origin) => ({
      links: [next(origin, n + 1)],
      results: [group(n)],
      totalCount: n === 1 ? 10 : 2,
    }));
    expect((await read()).flatMap((p) => p.items)).toHaveLength(2);
    expect(pageNums(s)).toEqual([1, 2]);
  });

  it('skips an item seen twice (it moved across a page boundary) and counts unparsable items as skipped', async () => {
    await serve((n, origin) => {
      if (n === 1)
        return { links: [next(origin, 2)], results: [group(1), group(2), { id: 'bad' }], totalCount: 4 };
      return { links: [], results: [group(2), group(3)], totalCount: 4 };
    });
    const pages = await read();
    expect(pages.flatMap((p) => p.items.map((g) => g.id))).toEqual(['g1', 'g2', 'g3']);
    expect(pages.map((p) => p.skipped)).toEqual([1, 0]);
    expect(pages[0]?.totalCount).toBe(4);
  });

  it('refuses an empty page that links to a next one: the rest of the list would vanish', async () => {
    const s = await serve((n, origin) => ({
      links: [next(origin, n + 1)],
      results: n === 1 ? [group(1)] : [],
    }));
    const err = await read().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AtlasPagingError);
    expect((err as Error).message).toContain('page 2 is empty but links to a next page');
    expect(pageNums(s)).toEqual([1, 2]);
  });

  it('ends at an empty page with a next link once totalCount items were read', async () => {
    const s = await serve((n, origin) => ({
      links: [next(origin, n + 1)],
      results: [],
      totalCount: 0,
    }));
    expect(await read()).toHaveLength(1);
    expect(pageNums(s)).toEqual([1]);
  });

  it('yields an empty first page so the count is seen', async () => {
    await serve(() => ({ links: [], results: [], totalCount: 0 }));
    expect(await read()).toEqual([{ items: [], skipped: 0, totalCount: 0 }]);
  });

  it('without links, pages on while totalCount says there is more', async () => {
    const s = await serve((n) => ({ results: n <= 2 ? [group(n)] : [], totalCount: 2 }));
    expect((await read()).flatMap((p) => p.items)).toHaveLength(2);
    expect(pageNums(s)).toEqual([1, 2]);
  });

  it('refuses a next link that points back', async () => {
    await serve((_n, origin) => ({ links: [next(origin, 1)], results: [group(Math.random())] }));
    const err = await read().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AtlasPagingError);
    expect((err as AtlasPagingError).code).toBe('ATLAS_PAGING_LIMIT');
  });

  it('refuses a page that brings no item not seen before and links on: a loop', async () => {
    const s = await serve((n, origin) => ({ links: [next(origin, n + 1)], results: [group(1), group(2)] }));
    const err = await read().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AtlasPagingError);
    expect((err as Error).message).toBe(
      'GET groups /api/atlas/v2/groups: page 2 repeats items already seen and links on',
    );
    expect(pageNums(s)).toEqual([1, 2]);
  });

  it('ends at a last page of repeated items that links nowhere', async () => {
    const s = await serve((n, origin) =>
      n === 1
        ? { links: [next(origin, 2)], results: [group(1), group(2)] }
        : { links: [], results: [group(2)] },
    );
    expect((await read()).flatMap((p) => p.items.map((g) => g.id))).toEqual(['g1', 'g2']);
    expect(pageNums(s)).toEqual([1, 2]);
  });

  it('caps a next chain that never ends', async () => {
    const s = await serve((n, origin) => ({ links: [next(origin, n + 1)], results: [group(n)] }), 4);
    const err = await read().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AtlasPagingError);
    expect((err as Error).message).toBe('GET groups /api/atlas/v2/groups: list goes on past 4 pages');
    expect(pageNums(s)).toEqual([1, 2, 3, 4]);
  });

  it('throws malformed when results is not an array', async () => {
    await serve(() => ({ results: { a: 1 } }));
    await expect(read()).rejects.toBeInstanceOf(AtlasMalformedResponseError);
  });
});

describe('nextPageNum', () => {
  it('reads pageNum from any href and falls back to the next page', () => {
    expect(nextPageNum('https://evil.example/api?pageNum=7', 1)).toBe(7);
    expect(nextPageNum('/relative?pageNum=3&x=1', 2)).toBe(3);
    expect(nextPageNum('https://cloud.mongodb.com/api', 4)).toBe(5);
    expect(nextPageNum('https://cloud.mongodb.com/api?pageNum=abc', 4)).toBe(5);
    expect(nextPageNum('http://[bad', 4)).toBe(5);
  });
});
