import { apiError, iso, isResponse, okPage, okResource, V2 } from '../http/wire.js';
import type { SimServerlessInstance, SimServerlessSnapshot } from '../world/model.js';
import { GROUP_PATH, simResource, V2023 } from './resource.js';
import { findServerless, withDates } from './serverless-instances.js';

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
