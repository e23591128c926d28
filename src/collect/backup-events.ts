import { BACKUP_AUDIT_TYPES, BACKUP_SIGNAL_TYPES } from '../resources/project-events/endpoints.js';
import type { Actor, ProjectEvent } from '../resources/project-events/reader.js';

/** The backup event types a project's events read asks for besides the kinds' change feed. */
export const BACKUP_SIGNAL_AND_AUDIT_TYPES: readonly string[] = [
  ...BACKUP_SIGNAL_TYPES,
  ...BACKUP_AUDIT_TYPES,
];

const ASKED = new Set(BACKUP_SIGNAL_AND_AUDIT_TYPES);
const PER_CLUSTER = new Set<string>(BACKUP_SIGNAL_TYPES);

/** The newest time (ms) of each event type. */
export type NewestByType = ReadonlyMap<string, number>;

/** What a project's backup events have told so far: the newest time of each type. */
export interface BackupEvents {
  /** per cluster name, the failure and recovery types that named it */
  readonly clusters: ReadonlyMap<string, NewestByType>;
  /** per type, per actor: the audit types, and the per-cluster types that named no cluster */
  readonly project: ReadonlyMap<string, ReadonlyMap<Actor, number>>;
  /** when the events were last read: the next read asks only for what is newer */
  readonly readMs: number;
}

/** Keeps `ms` under `key` unless a newer time is there already. */
function keepNewest<K>(map: Map<K, number>, key: K, ms: number): void {
  if ((map.get(key) ?? Number.NEGATIVE_INFINITY) < ms) map.set(key, ms);
}

/** Gets the inner map under `key`, made on first use. */
function inner<K, V>(map: Map<string, Map<K, V>>, key: string): Map<K, V> {
  const found = map.get(key) ?? new Map<K, V>();
  map.set(key, found);
  return found;
}

/**
 * The times after a read of events made at `readMs`: the last ones, moved on by what is newer.
 * Types it did not ask for (the change feed's, one Atlas adds) are left out, never an error.
 */
export function foldBackupEvents(
  before: BackupEvents | undefined,
  events: readonly ProjectEvent[],
  readMs: number,
): BackupEvents {
  const clusters = new Map([...(before?.clusters ?? [])].map(([name, m]) => [name, new Map(m)]));
  const project = new Map([...(before?.project ?? [])].map(([type, m]) => [type, new Map(m)]));
  for (const e of events) {
    const type = e.eventTypeName;
    if (!ASKED.has(type)) continue;
    if (e.clusterName !== undefined && PER_CLUSTER.has(type))
      keepNewest(inner(clusters, e.clusterName), type, e.createdMs);
    else keepNewest(inner(project, type), e.actor, e.createdMs);
  }
  return { clusters, project, readMs };
}

/**
 * Since when a project's backup events must be read on this refresh; undefined: not on this one.
 * First the lookback, so a restart loses nothing; then what is new, whenever the change feed reads
 * the events anyway (no request of their own), else once the recheck interval has passed.
 */
export function backupEventsSince(
  known: BackupEvents | undefined,
  changeFeedRead: boolean,
  nowMs: number,
  lookbackMs: number,
  recheckIntervalMs: number,
): number | undefined {
  if (!known) return nowMs - lookbackMs;
  if (changeFeedRead || nowMs - known.readMs >= recheckIntervalMs) return known.readMs;
  return undefined;
}
