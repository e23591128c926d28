import { apiError, iso, isResponse, okPage, okResource } from '../http/wire.js';
import { DAY_MS, seconds } from '../world/generate.js';
import { int, objectId, type Rng } from '../world/prng.js';
import { findFlex } from './flex-clusters.js';
import { GROUP_PATH, simResource, V2024 } from './resource.js';

export interface SimFlexSnapshot {
  id: string;
  /** PENDING, QUEUED, RUNNING, FAILED, COMPLETED (any string: Atlas enums are open) */
  status: string;
  scheduledMs: number;
  startMs?: number;
  finishMs?: number;
  expirationMs?: number;
  mongoDBVersion: string;
}

/** Flex keeps its last 8 daily snapshots, and `expiration` is scheduledTime + 8 days (recorded). */
const FLEX_RETENTION_MS = 8 * DAY_MS;

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

/** Unfinished snapshots have no finish time (nor a start time before RUNNING) and no expiration. */
export function renderFlexSnapshot(s: SimFlexSnapshot) {
  return {
    ...(s.expirationMs === undefined ? {} : { expiration: iso(s.expirationMs) }),
    ...(s.finishMs === undefined ? {} : { finishTime: iso(s.finishMs) }),
    id: s.id,
    mongoDBVersion: s.mongoDBVersion,
    scheduledTime: iso(s.scheduledMs),
    ...(s.startMs === undefined ? {} : { startTime: iso(s.startMs) }),
    status: s.status,
  };
}

/** A Flex cluster's snapshots, oldest first as Atlas lists them, and one snapshot by id. */
export const flexSnapshots = simResource({
  name: 'flex-snapshots',
  routes: [
    {
      endpoint: 'flex_snapshots',
      method: 'GET',
      pattern: new RegExp(`^${GROUP_PATH}/flexClusters/([^/]+)/backup/snapshots$`),
      version: V2024,
      paged: true,
      scope: 'project',
      handle: ({ project, params, query, self, version }) => {
        const c = findFlex(project, params[0] ?? '');
        return isResponse(c) ? c : okPage(c.snapshots.map(renderFlexSnapshot), query, self, version);
      },
    },
    {
      endpoint: 'flex_snapshot',
      method: 'GET',
      pattern: new RegExp(`^${GROUP_PATH}/flexClusters/([^/]+)/backup/snapshots/([^/]+)$`),
      version: V2024,
      scope: 'project',
      handle: ({ project, params, query, version }) => {
        const [name = '', id = ''] = params;
        const c = findFlex(project, name);
        if (isResponse(c)) return c;
        const s = c.snapshots.find((x) => x.id === id);
        if (!s) return apiError(404, 'SNAPSHOT_NOT_FOUND', `No snapshot with ID ${id} exists.`, [id]);
        return okResource(renderFlexSnapshot(s), version, query);
      },
    },
  ],
});
