import { STATUS_CODES } from 'node:http';

/** A response before it is written: handlers build these, server.ts sends them. */
export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The query parameters every list endpoint shares. */
export interface ListQuery {
  itemsPerPage: number;
  pageNum: number;
  includeCount: boolean;
  pretty: boolean;
  envelope: boolean;
}

/** An Atlas `ApiError` answer; `headers` adds e.g. Retry-After. */
export function apiError(
  status: number,
  errorCode: string,
  detail: string,
  parameters: unknown[] = [],
  headers: Record<string, string> = {},
  pretty = false,
): SimResponse {
  const body = { detail, error: status, errorCode, parameters, reason: STATUS_CODES[status] ?? 'Error' };
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-error-code': errorCode, ...headers },
    body: JSON.stringify(body, null, pretty ? 2 : undefined),
  };
}

function badParam(name: string, value: string): SimResponse {
  return apiError(400, 'INVALID_QUERY_PARAMETER', `Invalid query parameter ${name}: ${value}.`, [
    name,
    value,
  ]);
}

function bool(params: URLSearchParams, name: string, fallback: boolean): boolean | SimResponse {
  const raw = params.get(name);
  if (raw === null) return fallback;
  if (/^true$/i.test(raw)) return true;
  if (/^false$/i.test(raw)) return false;
  return badParam(name, raw);
}

function integer(params: URLSearchParams, name: string, fallback: number, max: number): number | SimResponse {
  const raw = params.get(name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max) return badParam(name, raw);
  return Number(raw);
}

/** Paging and format parameters; an invalid one is a 400 (spec: itemsPerPage 1–500, pageNum ≥ 1). */
export function parseListQuery(params: URLSearchParams): ListQuery | SimResponse {
  const itemsPerPage = integer(params, 'itemsPerPage', 100, 500);
  const pageNum = integer(params, 'pageNum', 1, Number.MAX_SAFE_INTEGER);
  const includeCount = bool(params, 'includeCount', true);
  const pretty = bool(params, 'pretty', false);
  const envelope = bool(params, 'envelope', false);
  for (const v of [itemsPerPage, pageNum, includeCount, pretty, envelope]) {
    if (typeof v === 'object') return v;
  }
  return { itemsPerPage, pageNum, includeCount, pretty, envelope } as ListQuery;
}

function mediaType(version: string): string {
  return `application/vnd.atlas.${version}+json;charset=utf-8`;
}

/** A 200 with a versioned body; `envelope` wraps single resources as {status, content}. */
export function okResource(
  resource: unknown,
  version: string,
  query: Pick<ListQuery, 'pretty' | 'envelope'>,
): SimResponse {
  const body = query.envelope ? { status: 200, content: resource } : resource;
  return {
    status: 200,
    headers: { 'content-type': mediaType(version) },
    body: JSON.stringify(body, null, query.pretty ? 2 : undefined),
  };
}

/**
 * One page of `items`. Links are absolute, built from `selfUrl` (the server's own URL and path);
 * recorded `self` and `next` hrefs order their query parameters differently, and so do we.
 */
export function okPage(
  items: readonly unknown[],
  query: ListQuery,
  selfUrl: string,
  version: string,
): SimResponse {
  const { itemsPerPage, pageNum, includeCount } = query;
  const start = (pageNum - 1) * itemsPerPage;
  const links = [
    {
      href: `${selfUrl}?includeCount=${includeCount}&pageNum=${pageNum}&itemsPerPage=${itemsPerPage}`,
      rel: 'self',
    },
  ];
  if (start + itemsPerPage < items.length) {
    const next = `${selfUrl}?includeCount=${includeCount}&itemsPerPage=${itemsPerPage}&pageNum=${pageNum + 1}`;
    links.push({ href: next, rel: 'next' });
  }
  const body: Record<string, unknown> = { links, results: items.slice(start, start + itemsPerPage) };
  if (includeCount) body.totalCount = items.length;
  if (query.envelope) body.status = 200;
  return {
    status: 200,
    headers: { 'content-type': mediaType(version) },
    body: JSON.stringify(body, null, query.pretty ? 2 : undefined),
  };
}

/** The v2 API's path prefix. */
export const V2 = '/api/atlas/v2';

/** Atlas writes timestamps as `2026-08-10T17:05:10Z`: UTC, no milliseconds. */
export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function isResponse(x: unknown): x is SimResponse {
  return typeof x === 'object' && x !== null && 'status' in x && 'body' in x;
}

/** Atlas's answer to credentials without the access a project or a role gives: 401 historically, or 403. */
export function userUnauthorized(status: 401 | 403): SimResponse {
  return apiError(status, 'USER_UNAUTHORIZED', 'Current user is not authorized to perform this action.');
}
