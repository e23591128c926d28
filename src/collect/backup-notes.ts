import type { ClusterNote } from '../collectors/collector.js';
import { BACKUP_AUDIT_TYPES } from '../resources/project-events/endpoints.js';
import type { Actor } from '../resources/project-events/reader.js';
import type { BackupEvents, NewestByType } from './backup-events.js';
import type { ProjectRecord } from './state.js';

const COPY_FAILED = ['CPS_COPY_SNAPSHOT_FAILED', 'CPS_COPY_SNAPSHOT_FAILED_WILL_RETRY'];
const DELETED = new Set(['CPS_SNAPSHOT_DELETED_AUDIT', 'TENANT_SNAPSHOT_DELETED_AUDIT']);
const AUDIT = new Set<string>(BACKUP_AUDIT_TYPES);
const BY_WHOM: Partial<Record<Actor, string>> = { api_key: 'an API key', user: 'a user' };

/**
 * The notes a cluster's own backup events give: a copy to another region failing (a failure
 * newer than the newest successful copy; since the oldest such failure the events still tell)
 * and the oplog behind (CPS_OPLOG_BEHIND newer than CPS_OPLOG_CAUGHT_UP).
 */
export function clusterEventNotes(events: NewestByType | undefined): ClusterNote[] {
  if (!events) return [];
  const after = (type: string) => events.get(type) ?? Number.NEGATIVE_INFINITY;
  const copied = after('CPS_COPY_SNAPSHOT_SUCCESSFUL');
  const failures = COPY_FAILED.map(after).filter((ms) => ms > copied);
  const notes: ClusterNote[] = [];
  if (failures.length > 0) notes.push({ text: 'copy failing', sinceMs: Math.min(...failures) });
  const behind = events.get('CPS_OPLOG_BEHIND');
  if (behind !== undefined && behind > after('CPS_OPLOG_CAUGHT_UP'))
    notes.push({ text: 'oplog behind', sinceMs: behind });
  return notes;
}

/** One project-level backup audit event: its type, who, and the newest time Atlas recorded it. */
export interface AuditEvent {
  readonly type: string;
  readonly actor: Actor;
  readonly ms: number;
}

/** A project's backup audit events of the lookback, newest first, one per type and actor. */
export function auditEvents(
  events: BackupEvents | undefined,
  nowMs: number,
  lookbackMs: number,
): AuditEvent[] {
  const found = [...(events?.project ?? [])]
    .filter(([type]) => AUDIT.has(type))
    .flatMap(([type, byActor]) => [...byActor].map(([actor, ms]) => ({ type, actor, ms })));
  return found.filter((e) => nowMs - e.ms <= lookbackMs).sort((a, b) => b.ms - a.ms);
}

/**
 * The note every cluster of a project carries while a snapshot there was deleted by a user or an
 * API key within the lookback (the audit event names no cluster): tamper or ransomware, or a
 * person's mistake; retention's own deletions, by Atlas, are no note.
 */
export function deletionNotes(
  project: ProjectRecord | undefined,
  nowMs: number,
  lookbackMs: number,
): ClusterNote[] {
  const notes = auditEvents(project?.backupEvents, nowMs, lookbackMs).flatMap((e) => {
    const whom = BY_WHOM[e.actor];
    return DELETED.has(e.type) && whom
      ? [{ text: `snapshot deleted by ${whom} in the project`, atMs: e.ms }]
      : [];
  });
  // newest first: a Flex and a dedicated deletion by the same kind of actor make one note, the newest
  return notes.filter((n, k) => notes.findIndex((m) => m.text === n.text) === k);
}
