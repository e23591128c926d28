import { dedicatedSnapshot } from '../resources/cluster-snapshots.js';
import { flexSnapshot } from '../resources/flex-snapshots.js';
import type { SimActor } from '../resources/project-events.js';
import { DAY_MS, seconds } from './generate.js';
import type { SimClusterKind, SimFlexSnapshot, SimServerlessSnapshot, SimWorld } from './model.js';
import { int, objectId, type Rng } from './prng.js';

/** Which cluster a mutator acts on; a ClusterRef from `roles` fits. `kind` defaults to flex. */
export interface ClusterTarget {
  groupId: string;
  name: string;
  kind?: SimClusterKind;
}

export interface NewSnapshot {
  /** Flex: PENDING…COMPLETED; serverless: queued…completed. Default completed. */
  status?: string;
  /** scheduledTime (Flex) or createdAt (serverless); default now */
  atMs?: number;
  /** serverless only */
  storageSizeBytes?: number;
  /** dedicated only: taken on demand (Atlas logs CPS_ON_DEMAND_SNAPSHOT_REQUESTED first) */
  onDemand?: boolean;
}

/** What an event says besides its type. */
export interface NewEvent {
  /** the cluster it names; none for audit types */
  clusterName?: string;
  /** who acted, on audit types; none: Atlas itself */
  actor?: SimActor;
  /** default now */
  atMs?: number;
}

function find(world: SimWorld, t: ClusterTarget) {
  const p = world.projects.find((x) => x.id === t.groupId);
  if (!p) return undefined;
  return clustersOf(p, t.kind ?? 'flex').find((c) => c.name === t.name);
}

function clustersOf(p: SimWorld['projects'][number], kind: SimClusterKind) {
  if (kind === 'flex') return p.flex;
  return kind === 'serverless' ? p.serverless : p.dedicated;
}

/** Data mutators for tests: they change the world the next request sees. */
export function createMutators(world: SimWorld, rng: Rng, now: () => number) {
  /**
   * What Atlas logs in the project's events: a dedicated snapshot's Cloud Backup types (naming
   * the cluster), a cluster's audit types; false: no such project. Events stay oldest first.
   */
  function logEvent(groupId: string, eventTypeName: string, more: NewEvent = {}): boolean {
    const p = world.projects.find((x) => x.id === groupId);
    if (!p) return false;
    const createdMs = seconds(more.atMs ?? now());
    const { atMs: _, ...fields } = more;
    const event = { id: objectId(rng, createdMs), eventTypeName, createdMs, ...fields };
    p.events = [...(p.events ?? []), event].sort((a, b) => a.createdMs - b.createdMs);
    return true;
  }

  function removeCluster(t: ClusterTarget): boolean {
    const p = world.projects.find((x) => x.id === t.groupId);
    if (!p) return false;
    const list: Array<{ name: string }> = clustersOf(p, t.kind ?? 'flex');
    const at = list.findIndex((c) => c.name === t.name);
    if (at < 0) return false;
    list.splice(at, 1);
    const deleted = t.kind === 'serverless' ? 'SERVERLESS_INSTANCE_DELETED' : 'CLUSTER_DELETED';
    logEvent(
      t.groupId,
      t.kind === 'serverless' ? 'SERVERLESS_INSTANCE_DELETE_SUBMITTED' : 'CLUSTER_DELETE_SUBMITTED',
    );
    logEvent(t.groupId, deleted);
    return true;
  }

  /** Pauses or resumes a dedicated cluster, as an update Atlas logs; false: no such cluster. */
  function pauseCluster(t: ClusterTarget, paused: boolean): boolean {
    const c = find(world, { ...t, kind: 'dedicated' });
    if (c?.kind !== 'dedicated') return false;
    c.paused = paused;
    logEvent(t.groupId, 'CLUSTER_UPDATE_SUBMITTED');
    logEvent(t.groupId, 'CLUSTER_UPDATE_COMPLETED');
    return true;
  }

  function logSnapshotEnd(groupId: string, clusterName: string, status: string): void {
    if (status === 'completed') logEvent(groupId, 'CPS_SNAPSHOT_SUCCESSFUL', { clusterName });
    else if (status === 'failed') logEvent(groupId, 'CPS_SNAPSHOT_FAILED', { clusterName });
  }

  /** Adds a snapshot and returns its id (undefined: no such cluster). Lists keep Atlas's order. */
  function addSnapshot(t: ClusterTarget, init: NewSnapshot = {}): string | undefined {
    const c = find(world, t);
    if (!c) return undefined;
    const at = seconds(init.atMs ?? now());
    if (c.kind === 'flex') {
      const snap: SimFlexSnapshot = flexSnapshot(rng, at, c.mongoDBVersion, init.status ?? 'COMPLETED');
      c.snapshots = [...c.snapshots, snap].sort((a, b) => a.scheduledMs - b.scheduledMs);
      return snap.id;
    }
    if (c.kind === 'dedicated') {
      // A scheduled snapshot of the most frequent item, newest first like the generated ones.
      const status = init.status ?? 'completed';
      const snap = dedicatedSnapshot(rng, c, at, c.policyItems.slice(0, 1), status);
      c.snapshots = [snap, ...c.snapshots].sort((a, b) => (b.createdMs ?? at) - (a.createdMs ?? at));
      if (init.onDemand) logEvent(t.groupId, 'CPS_ON_DEMAND_SNAPSHOT_REQUESTED');
      logEvent(t.groupId, 'CPS_SNAPSHOT_STARTED', { clusterName: t.name });
      logSnapshotEnd(t.groupId, t.name, status);
      return snap.id;
    }
    const snap: SimServerlessSnapshot = {
      id: objectId(rng, at),
      status: init.status ?? 'completed',
      createdMs: at,
      expiresMs: at + 3 * DAY_MS,
      frequencyType: 'hourly',
      snapshotType: 'scheduled',
      mongodVersion: c.mongoDBVersion,
      storageSizeBytes:
        init.storageSizeBytes ?? c.snapshots[0]?.storageSizeBytes ?? int(rng, 200, 4000) * 1_048_576,
    };
    c.snapshots = [...c.snapshots, snap].sort((a, b) => b.createdMs - a.createdMs);
    return snap.id;
  }

  /** Sets a snapshot's status as given (no case conversion); a Flex snapshot gains the times the status implies. */
  function setSnapshotStatus(t: ClusterTarget, snapshotId: string, status: string): boolean {
    const c = find(world, t);
    const snap = c?.snapshots.find((s) => s.id === snapshotId);
    if (!c || !snap) return false;
    snap.status = status;
    // A dedicated snapshot gains its createdAt when it ends (recorded for completed ones).
    if (
      c.kind === 'dedicated' &&
      'policyItemIds' in snap &&
      (status === 'completed' || status === 'failed')
    ) {
      snap.createdMs ??= seconds(now());
      logSnapshotEnd(c.groupId, c.name, status);
    }
    if (c.kind === 'flex' && 'scheduledMs' in snap) {
      const s = snap as SimFlexSnapshot;
      if (status !== 'PENDING' && status !== 'QUEUED') s.startMs ??= s.scheduledMs + 7000;
      if (status === 'COMPLETED' || status === 'FAILED') {
        s.finishMs ??= (s.startMs ?? s.scheduledMs) + 80_000;
        s.expirationMs ??= s.scheduledMs + 8 * DAY_MS;
      }
    }
    return true;
  }

  return { removeCluster, pauseCluster, addSnapshot, setSnapshotStatus, logEvent };
}
