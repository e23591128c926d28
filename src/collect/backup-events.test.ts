import { describe, expect, it } from 'vitest';
import { type ProjectEvent, parseEvent } from '../resources/project-events/reader.js';
import { backupEventsSince, foldBackupEvents, unreadBackupEvents } from './backup-events.js';

/**
 * Project events as Atlas answered them in the Atlas CLI's end-to-end recordings (links dropped),
 * and one a person made, shaped as the spec says (`userId`, `username`; not recorded).
 */
const RECORDED = {
  snapshotSuccessful: {
    clusterId: '67fe2f24f621274ee5327a0b',
    clusterName: 'cluster-486-fe3e9343a75',
    created: '2025-04-15T10:15:18Z',
    eventTypeName: 'CPS_SNAPSHOT_SUCCESSFUL',
    frequencyType: 'ON_DEMAND',
    groupId: 'b0123456789abcdef012345b',
    id: '67fe31b66af6b40523c7e1ed',
    snapshotCompletionDate: '2025-04-15T10:15:18Z',
    snapshotScheduledCreationDate: '2025-04-15T10:12:16Z',
  },
  exportSuccessful: {
    clusterId: '685168cf97cfe036b7a0323f',
    clusterName: 'cluster-416-4a02336a95c',
    created: '2025-06-17T13:32:54Z',
    eventTypeName: 'CPS_EXPORT_SUCCESSFUL',
    groupId: 'b0123456789abcdef012345b',
    id: '68516e86550ad428d0751f81',
    snapshotCompletionDate: '2025-06-17T13:20:09Z',
    snapshotScheduledCreationDate: '2025-06-17T13:16:51Z',
  },
  snapshotDeletedByKey: {
    apiKeyId: '5f3b9a38320c484ff32cbf5c',
    created: '2025-04-15T10:15:15Z',
    eventTypeName: 'CPS_SNAPSHOT_DELETED_AUDIT',
    groupId: 'b0123456789abcdef012345b',
    id: '67fe31b3f621274ee53295c6',
    isGlobalAdmin: false,
    publicKey: 'tevdziqg',
    remoteAddress: '44.223.63.182',
  },
  restoreRequestedByKey: {
    apiKeyId: '5f3b9a38320c484ff32cbf5c',
    created: '2025-04-15T10:15:21Z',
    eventTypeName: 'CPS_RESTORE_REQUESTED_AUDIT',
    groupId: 'b0123456789abcdef012345b',
    id: '67fe31b9f621274ee53296c4',
    isGlobalAdmin: false,
    publicKey: 'tevdziqg',
  },
  flexSnapshotDeletedByRetention: {
    created: '2025-08-31T17:06:08Z',
    eventTypeName: 'TENANT_SNAPSHOT_DELETED_AUDIT',
    groupId: 'b0123456789abcdef012345b',
    id: '68b481007fefae1cf6a3af47',
    isGlobalAdmin: false,
  },
  retentionModifiedByUser: {
    created: '2025-05-02T08:00:00Z',
    eventTypeName: 'CPS_SNAPSHOT_RETENTION_MODIFIED_AUDIT',
    groupId: 'b0123456789abcdef012345b',
    id: '68147b0000000000000000a1',
    isGlobalAdmin: false,
    remoteAddress: '203.0.113.7',
    userId: '5e9a8b7c6d5e4f3a2b1c0d9e',
    username: 'sre@example.com',
  },
} as const;

const parsed = (raw: unknown): ProjectEvent => {
  const event = parseEvent(raw);
  if (!event) throw new Error('expected an event');
  return event;
};
const seconds = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

describe('backup events from the recorded bodies', () => {
  const events = Object.values(RECORDED).map(parsed);
  const folded = foldBackupEvents(undefined, events, seconds('2025-09-01T00:00:00Z'));

  it('keeps the newest time of each type per cluster the event names', () => {
    expect(folded.clusters.get('cluster-486-fe3e9343a75')).toEqual(
      new Map([['CPS_SNAPSHOT_SUCCESSFUL', seconds('2025-04-15T10:15:18Z')]]),
    );
    expect(folded.clusters.get('cluster-416-4a02336a95c')).toEqual(
      new Map([['CPS_EXPORT_SUCCESSFUL', seconds('2025-06-17T13:32:54Z')]]),
    );
  });

  it('keeps the audit types per project with who acted: a key, a person, or Atlas itself', () => {
    const actors = (type: string) => folded.project.get(type);
    expect(actors('CPS_SNAPSHOT_DELETED_AUDIT')).toEqual(
      new Map([['api_key', seconds('2025-04-15T10:15:15Z')]]),
    );
    expect(actors('CPS_RESTORE_REQUESTED_AUDIT')).toEqual(
      new Map([['api_key', seconds('2025-04-15T10:15:21Z')]]),
    );
    expect(actors('TENANT_SNAPSHOT_DELETED_AUDIT')).toEqual(
      new Map([['atlas', seconds('2025-08-31T17:06:08Z')]]),
    );
    expect(actors('CPS_SNAPSHOT_RETENTION_MODIFIED_AUDIT')).toEqual(
      new Map([['user', seconds('2025-05-02T08:00:00Z')]]),
    );
  });

  it('never keeps the key, the user name or the address', () => {
    const kept = JSON.stringify(events);
    for (const secret of [
      '5f3b9a38320c484ff32cbf5c',
      'tevdziqg',
      '44.223.63.182',
      'sre@example.com',
      '5e9a8b7c',
    ])
      expect(kept).not.toContain(secret);
  });

  it('counts a per-cluster type that names no cluster for the project, by Atlas', () => {
    const { clusterName: _, ...bare } = RECORDED.snapshotSuccessful;
    const project = foldBackupEvents(undefined, [parsed(bare)], 0).project;
    expect(project.get('CPS_SNAPSHOT_SUCCESSFUL')).toEqual(
      new Map([['atlas', seconds('2025-04-15T10:15:18Z')]]),
    );
  });

  it('leaves out types it did not ask for and entries without a type or a time, never failing', () => {
    const raw = [
      { ...RECORDED.snapshotSuccessful, eventTypeName: 'CPS_SOMETHING_NEW' },
      { ...RECORDED.snapshotSuccessful, eventTypeName: 'CLUSTER_CREATED' },
      { eventTypeName: 'CPS_OPLOG_BEHIND' },
      { created: 'not a date', eventTypeName: 'CPS_OPLOG_BEHIND' },
      null,
      'text',
    ];
    const kept = raw.map(parseEvent).filter((e): e is ProjectEvent => e !== undefined);
    const after = foldBackupEvents(undefined, kept, 0);
    expect(after.clusters.size + after.project.size).toBe(0);
  });
});

describe('foldBackupEvents', () => {
  const at = (eventTypeName: string, createdMs: number, clusterName = 'c1'): ProjectEvent => ({
    eventTypeName,
    createdMs,
    clusterName,
    actor: 'atlas',
  });

  it('moves a time on only when a newer event comes, whatever the order', () => {
    const first = foldBackupEvents(
      undefined,
      [at('CPS_OPLOG_BEHIND', 5 * HOUR), at('CPS_OPLOG_BEHIND', 9 * HOUR)],
      10 * HOUR,
    );
    const later = foldBackupEvents(
      first,
      [at('CPS_OPLOG_BEHIND', 7 * HOUR), at('CPS_OPLOG_CAUGHT_UP', 11 * HOUR)],
      12 * HOUR,
    );
    expect(later.clusters.get('c1')).toEqual(
      new Map([
        ['CPS_OPLOG_BEHIND', 9 * HOUR],
        ['CPS_OPLOG_CAUGHT_UP', 11 * HOUR],
      ]),
    );
    expect(later.readMs).toBe(12 * HOUR);
    // the last times are never changed in place: a failed refresh still serves them
    expect(first.clusters.get('c1')?.has('CPS_OPLOG_CAUGHT_UP')).toBe(false);
  });

  it('keeps the very map of a cluster or type no newer event moved, and copies one that moved', () => {
    const first = foldBackupEvents(
      undefined,
      [
        at('CPS_OPLOG_BEHIND', 5 * HOUR, 'c1'),
        at('CPS_OPLOG_BEHIND', 5 * HOUR, 'c2'),
        at('CPS_SNAPSHOT_DELETED_AUDIT', HOUR),
      ],
      10 * HOUR,
    );
    const later = foldBackupEvents(
      first,
      [
        at('CPS_OPLOG_BEHIND', 4 * HOUR, 'c1'),
        at('CPS_OPLOG_CAUGHT_UP', 11 * HOUR, 'c2'),
        at('CPS_OPLOG_CAUGHT_UP', 12 * HOUR, 'c2'),
      ],
      12 * HOUR,
    );
    expect(later.clusters.get('c1')).toBe(first.clusters.get('c1'));
    expect(later.project.get('CPS_SNAPSHOT_DELETED_AUDIT')).toBe(
      first.project.get('CPS_SNAPSHOT_DELETED_AUDIT'),
    );
    expect(later.clusters.get('c2')).not.toBe(first.clusters.get('c2'));
    expect(later.clusters.get('c2')?.get('CPS_OPLOG_CAUGHT_UP')).toBe(12 * HOUR);
    expect(first.clusters.get('c2')?.size).toBe(1);
  });
});

describe('backupEventsSince', () => {
  const known = foldBackupEvents(undefined, [], 100 * HOUR);
  const LOOKBACK = 168 * HOUR;
  const quiet = { changeFeed: false, listed: true };

  it('reads back the lookback on the first refresh that sees the project, as after a restart', () => {
    expect(backupEventsSince(undefined, quiet, 200 * HOUR, LOOKBACK, HOUR)).toBe(32 * HOUR);
  });

  it('then asks only for what is new, whenever the change feed reads the events anyway', () => {
    const feed = { changeFeed: true, listed: true };
    expect(backupEventsSince(known, feed, 100 * HOUR + 60_000, LOOKBACK, HOUR)).toBe(100 * HOUR);
  });

  it('adds no read of its own before the recheck interval, and one after it', () => {
    expect(backupEventsSince(known, quiet, 100.5 * HOUR, LOOKBACK, HOUR)).toBeUndefined();
    expect(backupEventsSince(known, quiet, 101 * HOUR, LOOKBACK, HOUR)).toBe(100 * HOUR);
  });

  it('asks a project none of whose lists could be read only with the change feed', () => {
    const unlisted = { changeFeed: false, listed: false };
    expect(backupEventsSince(known, unlisted, 300 * HOUR, LOOKBACK, HOUR)).toBeUndefined();
  });

  it('after failed reads, still reaches back from the last good one, or the lookback', () => {
    const failed = unreadBackupEvents(known, 150 * HOUR);
    expect(backupEventsSince(failed, quiet, 150.5 * HOUR, LOOKBACK, HOUR)).toBeUndefined();
    expect(backupEventsSince(failed, quiet, 151 * HOUR, LOOKBACK, HOUR)).toBe(100 * HOUR);
    const neverRead = unreadBackupEvents(undefined, 150 * HOUR);
    expect(backupEventsSince(neverRead, quiet, 151 * HOUR, LOOKBACK, HOUR)).toBe(151 * HOUR - LOOKBACK);
  });
});
