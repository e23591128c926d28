/**
 * An Atlas endpoint's name: the `endpoint` label of the API metrics (e.g. `flex_snapshots`).
 * Each kind (src/kinds) and collector (src/collectors) names its own; the transport only carries them.
 */
export type EndpointName = string;

/** An endpoint (a paged list, or one resource), bound to its path parameters. */
export interface ListEndpoint {
  readonly name: EndpointName;
  /** Path below the base URL, e.g. `/api/atlas/v2/groups`, path parameters already encoded. */
  readonly path: string;
  /** The exact versioned media type Atlas documents for this endpoint. */
  readonly accept: string;
  /** Filters a list takes besides paging, already encoded, e.g. `eventType=A&eventType=B`. */
  readonly query?: string;
}

/** The versioned media types of the Admin API v2 that our endpoints use. */
export const MEDIA_TYPES = {
  v20230101: 'application/vnd.atlas.2023-01-01+json',
  // The newest GET version of the cluster list and the schedule; 2024-10-23 exists only for writes.
  v20240805: 'application/vnd.atlas.2024-08-05+json',
  v20241113: 'application/vnd.atlas.2024-11-13+json',
  v20240530: 'application/vnd.atlas.2024-05-30+json',
  v20231001: 'application/vnd.atlas.2023-10-01+json',
  v20250312: 'application/vnd.atlas.2025-03-12+json',
} as const;

/** A path segment as Atlas wants it in a path: names may hold spaces and slashes. */
export const segment = encodeURIComponent;

/** An Admin API v2 endpoint; `path` is below `/api/atlas/v2`, its segments already encoded. */
export function v2Endpoint(name: EndpointName, accept: string, path: string): ListEndpoint {
  return { name, path: `/api/atlas/v2${path}`, accept };
}

export const OAUTH_TOKEN_PATH = '/api/oauth/token';
