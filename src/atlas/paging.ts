import type { ListEndpoint } from './endpoints.js';
import { AtlasPagingError } from './errors.js';
import { type Page, parsePage } from './page.js';
import { isObject } from './wire.js';

/**
 * The page number a `next` link asks for. Only the number is taken: the URL itself is never
 * followed, so a link to another host cannot receive our credentials. A link without a usable
 * pageNum means "the page after this one".
 */
export function nextPageNum(href: string, current: number): number {
  let value: string | null = null;
  try {
    value = new URL(href, 'http://invalid').searchParams.get('pageNum');
  } catch {
    return current + 1;
  }
  const n = value !== null && /^\d+$/.test(value) ? Number(value) : Number.NaN;
  return Number.isSafeInteger(n) && n >= 1 ? n : current + 1;
}

/**
 * Walks a paged list. Stops at an empty page (an error if it still links to a next one), at a page without a `next` link, or once totalCount
 * distinct items were read (the count is an estimate and may change between pages: the latest
 * wins). An item whose `id` was already seen (it moved across a page boundary) is skipped. A list
 * longer than `maxPages`, or a `next` link that does not move forward, is an AtlasPagingError.
 */
export async function* paginate<T>(
  endpoint: ListEndpoint,
  fetchPage: (pageNum: number) => Promise<unknown>,
  parseItem: (raw: unknown) => T | undefined,
  maxPages: number,
): AsyncGenerator<Page<T>, void, undefined> {
  const seen = new Set<string>();
  let distinct = 0;
  let pageNum = 1;
  for (let pages = 1; ; pages++) {
    if (pages > maxPages) {
      throw new AtlasPagingError(
        `GET ${endpoint.name} ${endpoint.path}: list goes on past ${maxPages} pages`,
        {
          endpoint: endpoint.name,
        },
      );
    }
    const raw = parsePage(await fetchPage(pageNum), endpoint.name, `GET ${endpoint.name} ${endpoint.path}`);
    const page: Page<T> = { items: [], skipped: 0 };
    for (const result of raw.results) {
      const id = isObject(result) && typeof result.id === 'string' ? result.id : undefined;
      if (id !== undefined) {
        if (seen.has(id)) continue;
        seen.add(id);
      }
      distinct++;
      const item = parseItem(result);
      if (item === undefined) page.skipped++;
      else page.items.push(item);
    }
    if (raw.totalCount !== undefined) page.totalCount = raw.totalCount;
    if (raw.nextHref !== undefined) page.nextHref = raw.nextHref;
    // The first page is always given, so an empty list still reports its totalCount.
    if (pages === 1 || raw.results.length > 0) yield page;

    if (raw.results.length === 0) {
      // An empty page that still promises more is a broken answer, not the end of the list:
      // taking it as the end would make every cluster after it vanish.
      const promised =
        raw.nextHref !== undefined && (raw.totalCount === undefined || distinct < raw.totalCount);
      if (!promised) return;
      throw new AtlasPagingError(
        `GET ${endpoint.name} ${endpoint.path}: page ${pageNum} is empty but links to a next page`,
        { endpoint: endpoint.name },
      );
    }
    if (raw.totalCount !== undefined && distinct >= raw.totalCount) return;
    if (raw.hasLinks) {
      if (raw.nextHref === undefined) return;
      const next = nextPageNum(raw.nextHref, pageNum);
      if (next <= pageNum) {
        throw new AtlasPagingError(
          `GET ${endpoint.name} ${endpoint.path}: next link of page ${pageNum} points back to page ${next}`,
          { endpoint: endpoint.name },
        );
      }
      pageNum = next;
    } else {
      // Without links only the count can say there is more.
      if (raw.totalCount === undefined) return;
      pageNum++;
    }
  }
}
