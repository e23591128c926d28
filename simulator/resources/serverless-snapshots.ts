import { apiError, iso, isResponse, okPage, okResource, V2 } from '../http/wire.js';
import { DAY_MS, HOUR_MS, seconds } from '../world/generate.js';
import type { SimServerlessInstance } from '../world/model.js';
import { int, objectId, type Rng } from '../world/prng.js';
import { GROUP_PATH, simResource, V2023 } from './resource.js';
import { findServerless, withDates } from './serverless-instances.js';

export interface SimServerlessSnapshot {
  id: string;
  /** queued, inProgress, completed, failed */
  status: string;
  createdMs: number;
  expiresMs: number;
  frequencyType: 'hourly' | 'daily' | 'weekly' | 'monthly';
  snapshotType: 'scheduled' | 'onDemand';
  mongodVersion: string;
  storageSizeBytes: number;
}

const SERVERLESS_INTERVAL_MS = 6 * HOUR_MS;

/**
 * `count` completed snapshots 6 hours apart, newest first. The one of each day taken before 06:00
 * UTC counts as the daily one; continuous backup keeps dailies 35 days and 6-hourly ones 72 h.
 */
export function completedServerlessSnapshots(
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

const BACKUP_DATES = {
  deprecation: 'Sat, 1 Feb 2025 00:00:00 GMT',
  sunset: 'Thu, 22 Jan 2026 00:00:00 GMT',
};

export function renderServerlessSnapshot(
  inst: SimServerlessInstance,
  s: SimServerlessSnapshot,
  base: string,
) {
  return {
    createdAt: iso(s.createdMs),
    expiresAt: iso(s.expiresMs),
    frequencyType: s.frequencyType,
    id: s.id,
    links: [
      {
        href: `${base}${V2}/groups/${inst.groupId}/serverless/${inst.name}/backup/snapshots/${s.id}`,
        rel: 'self',
      },
    ],
    mongodVersion: s.mongodVersion,
    serverlessInstanceName: inst.name,
    snapshotType: s.snapshotType,
    status: s.status,
    storageSizeBytes: s.storageSizeBytes,
  };
}

/** A serverless instance's snapshots, newest first, and one snapshot by id. */
export const serverlessSnapshots = simResource({
  name: 'serverless-snapshots',
  routes: [
    {
      endpoint: 'serverless_snapshots',
      method: 'GET',
      pattern: new RegExp(`^${GROUP_PATH}/serverless/([^/]+)/backup/snapshots$`),
      version: V2023,
      paged: true,
      scope: 'project',
      handle: (req) => {
        const s = findServerless(req, req.params[0] ?? '');
        if (isResponse(s)) return s;
        const items = s.snapshots.map((x) => renderServerlessSnapshot(s, x, req.base));
        return withDates(okPage(items, req.query, req.self, req.version), BACKUP_DATES);
      },
    },
    {
      endpoint: 'serverless_snapshot',
      method: 'GET',
      pattern: new RegExp(`^${GROUP_PATH}/serverless/([^/]+)/backup/snapshots/([^/]+)$`),
      version: V2023,
      scope: 'project',
      handle: (req) => {
        const [name = '', id = ''] = req.params;
        const s = findServerless(req, name);
        if (isResponse(s)) return s;
        const snap = s.snapshots.find((x) => x.id === id);
        if (!snap) return apiError(404, 'SNAPSHOT_NOT_FOUND', `No snapshot with ID ${id} exists.`, [id]);
        return withDates(
          okResource(renderServerlessSnapshot(s, snap, req.base), req.version, req.query),
          BACKUP_DATES,
        );
      },
    },
  ],
});
