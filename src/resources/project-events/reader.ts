import type { AtlasClient } from '../../atlas/api.js';
import { isObject, text, unixSeconds } from '../lenient.js';
import { listAll } from '../resource.js';
import { projectEventsEndpoint } from './endpoints.js';

/** Atlas's clock and ours may disagree a little; an event this much older than a read still counts. */
const CLOCK_SKEW_MS = 60_000;

/** An event's creation time, Unix seconds; events without one say nothing. */
function parseCreated(raw: unknown): number | undefined {
  return isObject(raw) && text(raw.eventTypeName) !== undefined ? unixSeconds(raw.created) : undefined;
}

/**
 * Whether a project logged a Cloud Backup event since `sinceMs` (GET /groups/{id}/events): the
 * one thing that says an on-demand snapshot was taken, which no snapshot list predicts.
 */
export async function backupEventSince(
  client: AtlasClient,
  groupId: string,
  sinceMs: number,
  signal: AbortSignal,
): Promise<boolean> {
  const fromMs = sinceMs - CLOCK_SKEW_MS;
  const endpoint = projectEventsEndpoint(groupId, fromMs);
  try {
    const created = await listAll(client, endpoint, parseCreated, signal);
    return created.some((s) => s * 1000 >= fromMs);
  } catch (err) {
    // minDate moves on every refresh: without it the same failure reads as the same error, logged once.
    if (err instanceof Error) err.message = err.message.replace(endpoint.query, 'eventType=…&minDate=…');
    throw err;
  }
}
