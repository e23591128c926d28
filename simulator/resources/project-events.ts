import { apiError, okPage, type SimResponse } from '../http/wire.js';
import { DAY_MS, HOUR_MS, seconds } from '../world/generate.js';
import type { ScenarioRoles, SimProject } from '../world/model.js';
import { hex, mulberry32, objectId, token } from '../world/prng.js';
import { byName, ref } from '../world/refs.js';
import { GROUP_PATH, type ProjectRequest, simResource, V2023 } from './resource.js';

/** Who made an audit event, in Atlas's fields: a programmatic key or a person; none for Atlas's own. */
export type SimActor =
  | { apiKeyId: string; publicKey: string; remoteAddress: string }
  | { userId: string; username: string; remoteAddress: string };

/** An event of a project (Cloud Backup and cluster audit types). */
export interface SimProjectEvent {
  id: string;
  eventTypeName: string;
  createdMs: number;
  /** the cluster a Cloud Backup event names (recorded on CPS_SNAPSHOT_SUCCESSFUL, CPS_EXPORT_SUCCESSFUL) */
  clusterName?: string;
  actor?: SimActor;
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
      ...(e.clusterName === undefined ? {} : { clusterName: e.clusterName }),
      ...e.actor,
      links: [{ href: `${base}/api/atlas/v2/groups/${p.id}/events/${e.id}`, rel: 'self' }],
    }));
  return okPage(items, query, self, version);
}

/**
 * The default scenario's backup events: a copy to the DR region failing since 2 h, continuous
 * backup's oplog behind since 45 min, a snapshot deleted by an API key, retention changed by a
 * person, a Flex snapshot deleted by Atlas's retention (no actor), and healthy copies.
 */
export function addBackupEvents(
  seed: number,
  projects: { shop: SimProject; lab: SimProject },
  nowMs: number,
): Pick<ScenarioRoles, 'copyFailing' | 'oplogBehind' | 'snapshotDeletedByKey'> {
  const rng = mulberry32(seed ^ 0xe7e7);
  const { shop, lab } = projects;
  const log = (p: SimProject, eventTypeName: string, agoMs: number, more: Partial<SimProjectEvent> = {}) => {
    const createdMs = seconds(nowMs - agoMs);
    p.events = [...(p.events ?? []), { id: objectId(rng, createdMs), eventTypeName, createdMs, ...more }];
  };
  const copied = byName(shop.dedicated, 'orders-db');
  log(shop, 'CPS_SNAPSHOT_SUCCESSFUL', 70 * 60_000, { clusterName: copied.name });
  log(shop, 'CPS_COPY_SNAPSHOT_SUCCESSFUL', HOUR_MS, { clusterName: copied.name });
  const failing = byName(shop.dedicated, 'checkout-db');
  log(shop, 'CPS_COPY_SNAPSHOT_SUCCESSFUL', 26 * HOUR_MS, { clusterName: failing.name });
  log(shop, 'CPS_COPY_SNAPSHOT_FAILED', 2 * HOUR_MS, { clusterName: failing.name });
  const key = { apiKeyId: hex(rng, 24), publicKey: token(rng, 8), remoteAddress: '198.51.100.23' };
  log(shop, 'CPS_SNAPSHOT_DELETED_AUDIT', 3 * HOUR_MS, { actor: key });
  const person = { userId: hex(rng, 24), username: 'dba@example.com', remoteAddress: '203.0.113.5' };
  log(shop, 'CPS_SNAPSHOT_RETENTION_MODIFIED_AUDIT', 5 * DAY_MS, { actor: person });
  const pit = byName(lab.dedicated, 'analytics-pit');
  log(lab, 'CPS_OPLOG_BEHIND', 3 * DAY_MS, { clusterName: pit.name });
  log(lab, 'CPS_OPLOG_CAUGHT_UP', 3 * DAY_MS - HOUR_MS, { clusterName: pit.name });
  log(lab, 'CPS_OPLOG_BEHIND', 45 * 60_000, { clusterName: pit.name });
  log(lab, 'TENANT_SNAPSHOT_DELETED_AUDIT', DAY_MS);
  for (const p of [shop, lab]) p.events?.sort((a, b) => a.createdMs - b.createdMs);
  return {
    copyFailing: ref(shop, failing),
    oplogBehind: ref(lab, pit),
    snapshotDeletedByKey: { groupId: shop.id, groupName: shop.name },
  };
}

/** A project's events (Cloud Backup and cluster audit types): the scenario's and what the mutators did. */
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
