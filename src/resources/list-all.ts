import type { AtlasClient } from '../atlas/api.js';
import type { ListEndpoint } from '../atlas/endpoints.js';

/** Every item of a paged list, in memory: for cluster lists, which stay small. */
export async function listAll<T>(
  client: AtlasClient,
  endpoint: ListEndpoint,
  parse: (raw: unknown) => T | undefined,
  signal: AbortSignal,
): Promise<T[]> {
  const all: T[] = [];
  for await (const page of client.list(endpoint, parse, signal)) all.push(...page.items);
  return all;
}
