import type { AtlasClient } from '../../atlas/api.js';
import { isObject, text, unixSeconds } from '../lenient.js';
import { listAll } from '../list-all.js';
import { projectEventsEndpoint } from './endpoints.js';

/** Atlas's clock and ours may disagree a little; an event this much older than a read still counts. */
const CLOCK_SKEW_MS = 60_000;

/** Who made an event: a programmatic key or service account, a person, or Atlas itself. */
export type Actor = 'api_key' | 'user' | 'atlas';

/** One event of a project: what happened, when, to which cluster if it says, and who did it. */
export interface ProjectEvent {
  readonly eventTypeName: string;
  readonly createdMs: number;
  /** the cluster the event names (recorded on Cloud Backup types); undefined when none */
  readonly clusterName?: string;
  readonly actor: Actor;
}

/**
 * Who acted, from which fields the event has: only the kind is kept, never the key, the user
 * name or the address (a recorded retention deletion has none of them: Atlas's own).
 */
function actorOf(raw: Record<string, unknown>): Actor {
  if (text(raw.apiKeyId) !== undefined) return 'api_key';
  return text(raw.userId) !== undefined || text(raw.username) !== undefined ? 'user' : 'atlas';
}

/** An event's type, creation time, cluster and actor; events without a type or a time say nothing. */
export function parseEvent(raw: unknown): ProjectEvent | undefined {
  if (!isObject(raw)) return undefined;
  const eventTypeName = text(raw.eventTypeName);
  const created = unixSeconds(raw.created);
  if (eventTypeName === undefined || created === undefined) return undefined;
  const clusterName = text(raw.clusterName);
  return {
    eventTypeName,
    createdMs: created * 1000,
    actor: actorOf(raw),
    ...(clusterName === undefined ? {} : { clusterName }),
  };
}

/**
 * A project's events of these types since `sinceMs` (GET /groups/{id}/events): what tells that a
 * list changed in a way nothing in it predicts, such as an on-demand snapshot or a new cluster.
 */
export async function readProjectEvents(
  client: AtlasClient,
  groupId: string,
  types: readonly string[],
  sinceMs: number,
  signal: AbortSignal,
): Promise<ProjectEvent[]> {
  const endpoint = projectEventsEndpoint(groupId, types, sinceMs - CLOCK_SKEW_MS);
  try {
    return await listAll(client, endpoint, parseEvent, signal);
  } catch (err) {
    // minDate moves on every refresh and the types vary with what is vouched for: without the query
    // (which long messages cut short) the same failure reads as the same error, logged once.
    if (err instanceof Error)
      err.message = err.message.replace(/\/events\?\S*/, '/events?eventType=…&minDate=…');
    throw err;
  }
}

/** Whether any of these events is of one of `types` and no older than a read at `readMs`. */
export function happenedSince(
  events: readonly ProjectEvent[],
  types: ReadonlySet<string>,
  readMs: number,
): boolean {
  return events.some((e) => types.has(e.eventTypeName) && e.createdMs >= readMs - CLOCK_SKEW_MS);
}
