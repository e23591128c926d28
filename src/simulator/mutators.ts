import { DAY_MS, flexSnapshot, seconds } from './generate.js';
import type { SimFlexSnapshot, SimServerlessSnapshot, SimWorld } from './model.js';
import { int, objectId, type Rng } from './prng.js';

/** Which cluster a mutator acts on; a ClusterRef from `roles` fits. `kind` defaults to flex. */
export interface ClusterTarget {
  groupId: string;
  name: string;
  kind?: 'flex' | 'serverless';
}

export interface NewSnapshot {
  /** Flex: PENDING…COMPLETED; serverless: queued…completed. Default completed. */
  status?: string;
  /** scheduledTime (Flex) or createdAt (serverless); default now */
  atMs?: number;
  /** serverless only */
  storageSizeBytes?: number;
}

function find(world: SimWorld, t: ClusterTarget) {
  const p = world.projects.find((x) => x.id === t.groupId);
  if (!p) return undefined;
  if ((t.kind ?? 'flex') === 'flex') return p.flex.find((c) => c.name === t.name);
  return p.serverless.find((c) => c.name === t.name);
}

/** Data mutators for tests: they change the world the next request sees. */
export function createMutators(world: SimWorld, rng: Rng, now: () => number) {
  function removeCluster(t: ClusterTarget): boolean {
    const p = world.projects.find((x) => x.id === t.groupId);
    if (!p) return false;
    const before = p.flex.length + p.serverless.length;
    if ((t.kind ?? 'flex') === 'flex') p.flex = p.flex.filter((c) => c.name !== t.name);
    else p.serverless = p.serverless.filter((c) => c.name !== t.name);
    return p.flex.length + p.serverless.length < before;
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

  return { removeCluster, addSnapshot, setSnapshotStatus };
}
