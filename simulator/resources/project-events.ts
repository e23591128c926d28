import { apiError, okPage, type SimResponse } from '../http/wire.js';
import { GROUP_PATH, type ProjectRequest, simResource, V2023 } from './resource.js';

/** An event of a project (Cloud Backup and cluster audit types); like Atlas's, it names no cluster. */
export interface SimProjectEvent {
  id: string;
  eventTypeName: string;
  createdMs: number;
}

/** Newest first; `eventType` repeatable, `minDate`/`maxDate` inclusive ISO dates (spec). */
function listEvents({ project: p, base, query, self, version, search }: ProjectRequest): SimResponse {
  const types = new Set(search.getAll('eventType'));
  const bound = (name: string, fallback: number) => {
    const raw = search.get(name);
    return raw === null ? fallback : Date.parse(raw);
  };
  const minMs = bound('minDate', Number.NEGATIVE_INFINITY);
  const maxMs = bound('maxDate', Number.POSITIVE_INFINITY);
  if (Number.isNaN(minMs) || Number.isNaN(maxMs))
    return apiError(400, 'INVALID_DATE_FORMAT', 'minDate and maxDate must be ISO 8601 dates.', []);
  const items = (p.events ?? [])
    .filter(
      (e) => (types.size === 0 || types.has(e.eventTypeName)) && e.createdMs >= minMs && e.createdMs <= maxMs,
    )
    .reverse()
    .map((e) => ({
      id: e.id,
      created: new Date(e.createdMs).toISOString().replace('.000Z', 'Z'),
      eventTypeName: e.eventTypeName,
      groupId: p.id,
      isGlobalAdmin: false,
      links: [{ href: `${base}/api/atlas/v2/groups/${p.id}/events/${e.id}`, rel: 'self' }],
    }));
  return okPage(items, query, self, version);
}

/** A project's events (Cloud Backup and cluster audit types): only what the mutators did. */
export const projectEvents = simResource({
  name: 'project-events',
  routes: [
    {
      endpoint: 'project_events',
      method: 'GET',
      pattern: new RegExp(`^${GROUP_PATH}/events$`),
      version: V2023,
      paged: true,
      scope: 'project',
      handle: listEvents,
    },
  ],
});
