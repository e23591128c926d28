import { describe, expect, it } from 'vitest';
import type { Actor } from '../resources/project-events/reader.js';
import type { BackupEvents } from './backup-events.js';
import { auditEvents, clusterEventNotes, deletionNotes } from './backup-notes.js';
import type { ProjectRecord } from './state.js';

const NOW_MS = 1_800_000_000_000;
const HOUR_MS = 3_600_000;
const LOOKBACK_MS = 7 * 24 * HOUR_MS;
const ago = (hours: number) => NOW_MS - hours * HOUR_MS;

function projectEvents(entries: Array<[string, Actor, number]>): BackupEvents {
  const project = new Map<string, Map<Actor, number>>();
  for (const [type, actor, ms] of entries)
    project.set(type, new Map([...(project.get(type) ?? []), [actor, ms]]));
  return { clusters: new Map(), project, readMs: NOW_MS, askedMs: NOW_MS };
}

function project(entries: Array<[string, Actor, number]>): ProjectRecord {
  return {
    group: { id: 'a'.repeat(24), name: 'shop', orgId: 'b'.repeat(24) },
    listed: new Map(),
    lastSeenMs: NOW_MS,
    error: undefined,
    backupEvents: projectEvents(entries),
  };
}

describe("a cluster's backup event notes", () => {
  it('says a copy is failing while a failure is newer than the newest successful copy, since the oldest such', () => {
    const events = new Map([
      ['CPS_COPY_SNAPSHOT_SUCCESSFUL', ago(5)],
      ['CPS_COPY_SNAPSHOT_FAILED_WILL_RETRY', ago(2)],
      ['CPS_COPY_SNAPSHOT_FAILED', ago(1)],
    ]);
    expect(clusterEventNotes(events)).toEqual([{ text: 'copy failing', sinceMs: ago(2) }]);
  });

  it('says nothing of a copy once a successful one is newer than every failure', () => {
    const events = new Map([
      ['CPS_COPY_SNAPSHOT_FAILED', ago(3)],
      ['CPS_COPY_SNAPSHOT_SUCCESSFUL', ago(1)],
    ]);
    expect(clusterEventNotes(events)).toEqual([]);
  });

  it('says the oplog is behind until it caught up', () => {
    expect(clusterEventNotes(new Map([['CPS_OPLOG_BEHIND', ago(1)]]))).toEqual([
      { text: 'oplog behind', sinceMs: ago(1) },
    ]);
    const caughtUp = new Map([
      ['CPS_OPLOG_BEHIND', ago(2)],
      ['CPS_OPLOG_CAUGHT_UP', ago(1)],
    ]);
    expect(clusterEventNotes(caughtUp)).toEqual([]);
    expect(clusterEventNotes(undefined)).toEqual([]);
  });
});

describe('the notes of a snapshot deleted in the project', () => {
  it('names a deletion by an API key or a user within the lookback, not one by Atlas (retention)', () => {
    const p = project([
      ['CPS_SNAPSHOT_DELETED_AUDIT', 'api_key', ago(3)],
      ['CPS_SNAPSHOT_DELETED_AUDIT', 'atlas', ago(1)],
      ['TENANT_SNAPSHOT_DELETED_AUDIT', 'user', ago(2)],
      ['TENANT_SNAPSHOT_DELETED_AUDIT', 'api_key', ago(4)],
      ['CPS_SNAPSHOT_RETENTION_MODIFIED_AUDIT', 'user', ago(1)],
    ]);
    expect(deletionNotes(p, NOW_MS, LOOKBACK_MS)).toEqual([
      { text: 'snapshot deleted by a user in the project', atMs: ago(2) },
      { text: 'snapshot deleted by an API key in the project', atMs: ago(3) },
    ]);
  });

  it('forgets a deletion older than the lookback', () => {
    const p = project([['CPS_SNAPSHOT_DELETED_AUDIT', 'user', NOW_MS - LOOKBACK_MS - 1]]);
    expect(deletionNotes(p, NOW_MS, LOOKBACK_MS)).toEqual([]);
    expect(deletionNotes(undefined, NOW_MS, LOOKBACK_MS)).toEqual([]);
  });
});

describe("a project's audit events", () => {
  it('lists the audit types of the lookback newest first, not the per-cluster types that named no cluster', () => {
    const events = projectEvents([
      ['CPS_RESTORE_REQUESTED_AUDIT', 'user', ago(5)],
      ['CPS_SNAPSHOT_DELETED_AUDIT', 'api_key', ago(1)],
      ['CPS_SNAPSHOT_FAILED', 'atlas', ago(0.5)],
      ['CPS_DATA_PROTECTION_DISABLE_REQUESTED', 'user', NOW_MS - LOOKBACK_MS - 1],
    ]);
    expect(auditEvents(events, NOW_MS, LOOKBACK_MS)).toEqual([
      { type: 'CPS_SNAPSHOT_DELETED_AUDIT', actor: 'api_key', ms: ago(1) },
      { type: 'CPS_RESTORE_REQUESTED_AUDIT', actor: 'user', ms: ago(5) },
    ]);
  });
});
