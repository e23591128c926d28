import type {
  ClusterTarget,
  NewSnapshot,
  SimClusterKind,
  SimDedicatedCluster,
  SimFlexCluster,
  SimServerlessInstance,
  SimWorld,
} from '../simulator/index.js';

/**
 * Backup events during the measured hour. A scheduled one is a snapshot Atlas takes when the
 * cluster's history says it is due: listed in progress at `dueMs`, completed or failed at `finalMs`.
 * An unscheduled one (an on-demand dedicated snapshot) appears completed at `finalMs` with no
 * warning. Times are the shared clock's; `appliedMs` is the step at which the list changed.
 */
export interface BackupEvent {
  groupId: string;
  name: string;
  kind: SimClusterKind;
  scheduled: boolean;
  outcome: 'completed' | 'failed';
  dueMs: number;
  finalMs: number;
  snapshotId?: string;
  appliedMs?: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const INTERVAL: Record<SimClusterKind, number> = {
  flex: 24 * HOUR,
  serverless: 6 * HOUR,
  dedicated: 6 * HOUR,
};
/** how long a snapshot stays in progress */
const RUN_MS = 3 * MINUTE;

function shiftFlex(c: SimFlexCluster, dueMs: number): void {
  const newest = c.snapshots.at(-1);
  if (!newest) return;
  const delta = dueMs - INTERVAL.flex - newest.scheduledMs;
  for (const s of c.snapshots) {
    s.scheduledMs += delta;
    if (s.startMs !== undefined) s.startMs += delta;
    if (s.finishMs !== undefined) s.finishMs += delta;
    if (s.expirationMs !== undefined) s.expirationMs += delta;
  }
}

function shiftServerless(c: SimServerlessInstance, dueMs: number): void {
  const newest = c.snapshots[0];
  if (!newest) return;
  const delta = dueMs - INTERVAL.serverless - newest.createdMs;
  for (const s of c.snapshots) {
    s.createdMs += delta;
    s.expiresMs += delta;
  }
}

function shiftDedicated(c: SimDedicatedCluster, dueMs: number): void {
  const newest = c.snapshots[0]?.createdMs;
  if (newest === undefined) return;
  const delta = dueMs - INTERVAL.dedicated - newest;
  for (const s of c.snapshots) {
    if (s.createdMs !== undefined) s.createdMs += delta;
    s.expiresMs += delta;
  }
  c.nextSnapshotMs = dueMs;
  const anchor = new Date(dueMs);
  c.referenceHourOfDay = anchor.getUTCHours();
  c.referenceMinuteOfHour = anchor.getUTCMinutes();
}

/**
 * Picks `count` healthy clusters the size knobs added (Flex, Flex, serverless, dedicated, in
 * turn) and moves each one's history so that its next snapshot is due inside [fromMs, toMs); every
 * fourth fails; a retired serverless instance is never picked (its snapshots cannot be seen), Flex
 * takes its turn. Then `unscheduled` on-demand snapshots on other dedicated clusters. Run before
 * the exporter's first read, so the history it reads is the one Atlas would have.
 */
export function arrangeEvents(
  world: SimWorld,
  window: { fromMs: number; toMs: number },
  count: number,
  unscheduled: number,
  serverlessRetired: boolean,
): BackupEvent[] {
  const readable = world.projects.filter((p) => p.readable);
  const pools = {
    flex: readable.flatMap((p) => p.flex.filter((c) => /-\d+$/.test(c.name) && c.snapshots.length > 0)),
    serverless: serverlessRetired
      ? []
      : readable.flatMap((p) => p.serverless.filter((s) => /-(sl-)?\d+$/.test(s.name))),
    dedicated: readable.flatMap((p) =>
      p.dedicated.filter((c) => /-db-\d+$/.test(c.name) && c.clusterType === 'REPLICASET'),
    ),
  };
  const order: SimClusterKind[] = ['flex', 'flex', 'serverless', 'dedicated'];
  const used = { flex: 0, serverless: 0, dedicated: 0 };
  const events: BackupEvent[] = [];
  const span = window.toMs - window.fromMs;
  for (let i = 0; i < count; i++) {
    const wanted = order[i % order.length] as SimClusterKind;
    const kind = pools[wanted].length > used[wanted] ? wanted : 'flex';
    // Spread over the pool, so the clusters sit in different projects.
    const pool = pools[kind];
    const index = (used[kind]++ * 7919) % pool.length;
    const c = pool[index];
    if (!c || events.some((e) => e.name === c.name && e.groupId === c.groupId && e.kind === kind)) continue;
    const dueMs = Math.round(window.fromMs + (span * i) / count);
    if (c.kind === 'flex') shiftFlex(c, dueMs);
    else if (c.kind === 'serverless') shiftServerless(c, dueMs);
    else shiftDedicated(c, dueMs);
    const outcome = i % 4 === 3 ? 'failed' : 'completed';
    events.push({
      groupId: c.groupId,
      name: c.name,
      kind,
      scheduled: true,
      outcome,
      dueMs,
      finalMs: dueMs + RUN_MS,
    });
  }
  const spare = pools.dedicated.filter(
    (c) => !events.some((e) => e.name === c.name && e.groupId === c.groupId),
  );
  for (let i = 0; i < unscheduled && i < spare.length; i++) {
    const c = spare[(i * 31) % spare.length] as SimDedicatedCluster;
    const atMs = Math.round(window.fromMs + (span * (i + 0.5)) / unscheduled);
    events.push({
      groupId: c.groupId,
      name: c.name,
      kind: 'dedicated',
      scheduled: false,
      outcome: 'completed',
      dueMs: atMs,
      finalMs: atMs,
    });
  }
  return events;
}

interface Mutators {
  addSnapshot(t: ClusterTarget, init?: NewSnapshot): string | undefined;
  setSnapshotStatus(t: ClusterTarget, snapshotId: string, status: string): boolean;
}

const SPELLING: Record<SimClusterKind, { running: string; completed: string; failed: string }> = {
  flex: { running: 'QUEUED', completed: 'COMPLETED', failed: 'FAILED' },
  serverless: { running: 'queued', completed: 'completed', failed: 'failed' },
  dedicated: { running: 'queued', completed: 'completed', failed: 'failed' },
};

/** Applies what is due by `nowMs`; returns the events whose final state was listed just now. */
export function applyDue(
  world: SimWorld,
  sim: Mutators,
  events: BackupEvent[],
  nowMs: number,
): BackupEvent[] {
  const finished: BackupEvent[] = [];
  for (const e of events) {
    if (e.appliedMs !== undefined) continue;
    const target = { groupId: e.groupId, name: e.name, kind: e.kind };
    const words = SPELLING[e.kind];
    if (e.scheduled && e.snapshotId === undefined && nowMs >= e.dueMs) {
      e.snapshotId = sim.addSnapshot(target, { status: words.running, atMs: e.dueMs });
      // Atlas moves the schedule on once it starts the snapshot.
      const c = world.projects.find((p) => p.id === e.groupId)?.dedicated.find((d) => d.name === e.name);
      if (e.kind === 'dedicated' && c) c.nextSnapshotMs = e.dueMs + INTERVAL.dedicated;
    }
    if (nowMs < e.finalMs) continue;
    if (e.scheduled) sim.setSnapshotStatus(target, e.snapshotId ?? '', words[e.outcome]);
    else e.snapshotId = sim.addSnapshot(target, { status: 'completed', atMs: e.finalMs, onDemand: true });
    e.appliedMs = nowMs;
    finished.push(e);
  }
  return finished;
}
