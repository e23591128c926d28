import type {
  SimFlexCluster,
  SimFlexSnapshot,
  SimServerlessInstance,
  SimServerlessSnapshot,
} from './model.js';
import { int, objectId, pick, type Rng, token } from './prng.js';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** Flex keeps its last 8 daily snapshots, and `expiration` is scheduledTime + 8 days (recorded). */
const FLEX_RETENTION_MS = 8 * DAY_MS;
const SERVERLESS_INTERVAL_MS = 6 * HOUR_MS;

const REGIONS = {
  AWS: ['US_EAST_1', 'EU_WEST_1', 'AP_SOUTHEAST_2'],
  AZURE: ['EUROPE_WEST', 'US_EAST_2'],
  GCP: ['CENTRAL_US', 'WESTERN_EUROPE'],
} as const;

/** Whole seconds: Atlas timestamps carry no milliseconds. */
export const seconds = (ms: number): number => Math.floor(ms / 1000) * 1000;

export interface ClusterBasics {
  groupId: string;
  name: string;
  createMs: number;
}

/** Identity, place and host of a new cluster. */
export function basics(rng: Rng, { groupId, name, createMs }: ClusterBasics) {
  const provider = pick(rng, ['AWS', 'AWS', 'AZURE', 'GCP'] as const);
  return {
    id: objectId(rng, createMs),
    name,
    groupId,
    createMs: seconds(createMs),
    provider,
    region: pick(rng, REGIONS[provider]),
    stateName: 'IDLE',
    hostSuffix: token(rng, 5),
  };
}

export function flexCluster(rng: Rng, base: ClusterBasics): SimFlexCluster {
  return { kind: 'flex', ...basics(rng, base), mongoDBVersion: `8.0.${int(rng, 10, 29)}`, snapshots: [] };
}

export function serverlessInstance(
  rng: Rng,
  base: ClusterBasics,
  migratedToFlex = false,
): SimServerlessInstance {
  return {
    kind: 'serverless',
    ...basics(rng, base),
    mongoDBVersion: `7.0.${int(rng, 10, 24)}`,
    continuousBackup: rng() < 0.5,
    migratedToFlex,
    snapshots: [],
  };
}

/** A COMPLETED (or `status`) daily snapshot scheduled at `scheduledMs`. */
export function flexSnapshot(
  rng: Rng,
  scheduledMs: number,
  version: string,
  status = 'COMPLETED',
): SimFlexSnapshot {
  const scheduled = seconds(scheduledMs);
  const snap: SimFlexSnapshot = {
    id: objectId(rng, scheduled),
    status,
    scheduledMs: scheduled,
    mongoDBVersion: version,
  };
  if (status === 'PENDING' || status === 'QUEUED') return snap;
  // Recorded: start 5–46 s after the schedule, finish about 80 s after the start.
  snap.startMs = scheduled + int(rng, 5, 46) * 1000;
  if (status === 'RUNNING') return snap;
  snap.finishMs = snap.startMs + int(rng, 70, 95) * 1000;
  snap.expirationMs = scheduled + FLEX_RETENTION_MS;
  return snap;
}

/** `count` daily COMPLETED snapshots, the newest scheduled at `newestMs`, oldest first. */
export function dailyFlexSnapshots(
  rng: Rng,
  newestMs: number,
  count: number,
  version: string,
): SimFlexSnapshot[] {
  const out: SimFlexSnapshot[] = [];
  for (let k = count - 1; k >= 0; k--) out.push(flexSnapshot(rng, newestMs - k * DAY_MS, version));
  return out;
}

/**
 * `count` completed snapshots 6 hours apart, newest first. The one of each day taken before 06:00
 * UTC counts as the daily one; continuous backup keeps dailies 35 days and 6-hourly ones 72 h.
 */
export function serverlessSnapshots(
  rng: Rng,
  instance: SimServerlessInstance,
  newestMs: number,
  count: number,
): SimServerlessSnapshot[] {
  const out: SimServerlessSnapshot[] = [];
  let size = int(rng, 200, 4000) * 1_048_576;
  for (let k = 0; k < count; k++) {
    const created = seconds(newestMs - k * SERVERLESS_INTERVAL_MS + int(rng, 0, 120) * 1000);
    const daily = new Date(created).getUTCHours() < 6;
    out.push({
      id: objectId(rng, created),
      status: 'completed',
      createdMs: created,
      expiresMs: created + (daily ? 35 * DAY_MS : 3 * DAY_MS),
      frequencyType: daily ? 'daily' : 'hourly',
      snapshotType: 'scheduled',
      mongodVersion: instance.mongoDBVersion,
      storageSizeBytes: size,
    });
    // Going back in time the data shrinks a little.
    size = Math.max(1_048_576, size - int(rng, 0, 8) * 1_048_576);
  }
  return out;
}
