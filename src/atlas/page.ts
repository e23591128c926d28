import type { EndpointName } from './endpoints.js';
import { AtlasMalformedResponseError } from './errors.js';
import { isObject } from './wire.js';

/** One page of a paged list: the items that parsed, how many did not, and the paging facts. */
export interface Page<T> {
  items: T[];
  /** raw results that were not objects or lacked an identity field and were skipped */
  skipped: number;
  totalCount?: number;
  nextHref?: string;
}

/** The paging envelope of every list answer. */
export interface RawPage {
  results: unknown[];
  totalCount?: number;
  nextHref?: string;
  /** Whether the page had a `links` array at all: without one, only totalCount tells the end. */
  hasLinks: boolean;
}

export function parsePage(body: unknown, endpoint: EndpointName, where: string = endpoint): RawPage {
  if (!isObject(body) || !Array.isArray(body.results)) {
    throw new AtlasMalformedResponseError(`${where}: list answer has no results array`, { endpoint });
  }
  const page: RawPage = { results: body.results, hasLinks: Array.isArray(body.links) };
  const total = body.totalCount;
  if (typeof total === 'number' && Number.isInteger(total) && total >= 0) page.totalCount = total;
  for (const link of Array.isArray(body.links) ? body.links : []) {
    if (isObject(link) && link.rel === 'next' && typeof link.href === 'string') page.nextHref = link.href;
  }
  return page;
}
