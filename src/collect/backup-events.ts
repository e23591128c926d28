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
  /** up to when the events were read; undefined: never, the next read reaches back the lookback */
  readonly readMs: number | undefined;
  /** when they were last asked for, read or not */
  readonly askedMs: number;
}

/**
 * Keeps `ms` under `key` of the inner map under `name`, unless a newer time is there already.
 * An inner map is copied the first time this read changes it (`changed` holds the copies): the
 * last times are never changed in place (a failed refresh still serves them), and an inner map
 * no event moved stays the same object, so what /metrics rendered of it can be reused.
 */
function keepNewest<K>(
  outer: Map<string, ReadonlyMap<K, number>>,
  changed: Set<ReadonlyMap<K, number>>,
  name: string,
  key: K,
  ms: number,
): void {
  const found = outer.get(name);
  if ((found?.get(key) ?? Number.NEGATIVE_INFINITY) >= ms) return;
  const map = found && changed.has(found) ? (found as Map<K, number>) : new Map(found);
  changed.add(map);
  outer.set(name, map.set(key, ms));
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
  const clusters = new Map(before?.clusters);
  const project = new Map(before?.project);
  const changed = new Set<ReadonlyMap<unknown, number>>();
  for (const e of events) {
    const type = e.eventTypeName;
    if (!ASKED.has(type)) continue;
    if (e.clusterName !== undefined && PER_CLUSTER.has(type))
      keepNewest(clusters, changed, e.clusterName, type, e.createdMs);
    else keepNewest(project, changed, type, e.actor, e.createdMs);
  }
  return { clusters, project, readMs, askedMs: readMs };
}

/** The times after a read that failed at `askedMs`: the last ones, unchanged. */
export function unreadBackupEvents(before: BackupEvents | undefined, askedMs: number): BackupEvents {
  return { clusters: new Map(), project: new Map(), readMs: undefined, ...before, askedMs };
}

/**
 * Since when a project's backup events must be read on this refresh; undefined: not on this one.
 * They are read whenever the change feed reads the events anyway (no request of their own), else
 * on the first refresh that sees the project, and again once the recheck interval has passed
 * while its lists can be read. The first good read reaches back the lookback, so a restart loses
 * nothing; later ones ask only for what is new.
 */
export function backupEventsSince(
  known: BackupEvents | undefined,
  ask: { readonly changeFeed: boolean; readonly listed: boolean },
  nowMs: number,
  lookbackMs: number,
  recheckIntervalMs: number,
): number | undefined {
  const due = !known || (ask.listed && nowMs - known.askedMs >= recheckIntervalMs);
  if (!ask.changeFeed && !due) return undefined;
  return known?.readMs ?? nowMs - lookbackMs;
}
