import { apiError, iso, isResponse, okPage, okResource } from '../http/wire.js';
import type { SimFlexSnapshot } from '../world/model.js';
import { findFlex } from './flex-clusters.js';
import { GROUP_PATH, simResource, V2024 } from './resource.js';

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
