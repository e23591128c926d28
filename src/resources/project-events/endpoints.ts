import { MEDIA_TYPES, segment, v2Endpoint } from '../../atlas/endpoints.js';

/**
 * The Cloud Backup event types that mean a dedicated cluster's snapshot list changed: an
 * on-demand snapshot asked for, a snapshot started, ended, deleted, its retention or the
 * schedule changed (vendored events subset, "Cps Backup" and "Disk Backup" event types).
 */
export const BACKUP_EVENT_TYPES = [
  'CPS_ON_DEMAND_SNAPSHOT_REQUESTED',
  'CPS_SNAPSHOT_STARTED',
  'CPS_SNAPSHOT_SUCCESSFUL',
  'CPS_SNAPSHOT_FAILED',
  'CPS_CONCURRENT_SNAPSHOT_FAILED_WILL_RETRY',
  'CPS_SNAPSHOT_FALLBACK_SUCCESSFUL',
  'CPS_SNAPSHOT_FALLBACK_FAILED',
  'CPS_SNAPSHOT_DELETED_AUDIT',
  'CPS_SNAPSHOT_RETENTION_MODIFIED_AUDIT',
  'CPS_SNAPSHOT_SCHEDULE_UPDATED_AUDIT',
] as const;

/** A project's backup events created at `minDate` or later, newest first. */
export function projectEventsEndpoint(groupId: string, minDateMs: number) {
  const types = BACKUP_EVENT_TYPES.map((t) => `eventType=${t}`).join('&');
  const minDate = encodeURIComponent(new Date(minDateMs).toISOString());
  return {
    ...v2Endpoint('project_events', MEDIA_TYPES.v20230101, `/groups/${segment(groupId)}/events`),
    query: `${types}&minDate=${minDate}`,
  };
}
