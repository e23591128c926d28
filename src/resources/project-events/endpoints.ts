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

/**
 * The Atlas audit types that mean a project's Flex or dedicated cluster list changed: a cluster
 * created, updated (paused, backup switched, resized, resharded), paused by Atlas, deleted, or
 * moved between kinds (vendored events subset, "Atlas Audit Types"). Atlas's own maintenance
 * (`*_INTERNAL`) changes nothing a list shows.
 */
export const CLUSTER_EVENT_TYPES = [
  'CLUSTER_CREATED',
  'CLUSTER_CREATED_VIA_ANIS',
  'CLUSTER_READY',
  'CLUSTER_UPDATE_SUBMITTED',
  'CLUSTER_UPDATE_COMPLETED',
  'CLUSTER_AUTOMATICALLY_PAUSED',
  'CLUSTER_DELETE_SUBMITTED',
  'CLUSTER_DELETED',
  'FLEX_UPGRADE_STARTED',
  'SERVERLESS_UPGRADE_TO_DEDICATED_SUCCESSFUL',
] as const;

/** The same for serverless instances ("Serverless Instance Audit Types"). */
export const SERVERLESS_INSTANCE_EVENT_TYPES = [
  'SERVERLESS_INSTANCE_CREATED',
  'SERVERLESS_INSTANCE_READY',
  'SERVERLESS_INSTANCE_UPDATE_SUBMITTED',
  'SERVERLESS_INSTANCE_UPDATE_COMPLETED',
  'SERVERLESS_INSTANCE_DELETE_SUBMITTED',
  'SERVERLESS_INSTANCE_DELETED',
] as const;

/**
 * The Cloud Backup failure types and the successes that close them, exported per cluster where
 * the event names one (`clusterName`, recorded on CPS_SNAPSHOT_SUCCESSFUL and
 * CPS_EXPORT_SUCCESSFUL), per project otherwise ("Cps Backup" event types; Flex failures).
 */
export const BACKUP_SIGNAL_TYPES = [
  'CPS_SNAPSHOT_SUCCESSFUL',
  'CPS_SNAPSHOT_FAILED',
  'CPS_CONCURRENT_SNAPSHOT_FAILED_WILL_RETRY',
  'CPS_SNAPSHOT_FALLBACK_SUCCESSFUL',
  'CPS_SNAPSHOT_FALLBACK_FAILED',
  'CPS_COPY_SNAPSHOT_STARTED',
  'CPS_COPY_SNAPSHOT_SUCCESSFUL',
  'CPS_COPY_SNAPSHOT_FAILED',
  'CPS_COPY_SNAPSHOT_FAILED_WILL_RETRY',
  'CPS_OPLOG_BEHIND',
  'CPS_OPLOG_CAUGHT_UP',
  'CPS_SNAPSHOT_BEHIND',
  'CPS_PREV_SNAPSHOT_OLD',
  'CPS_EXPORT_SUCCESSFUL',
  'CPS_EXPORT_FAILED',
  'CPS_AUTO_EXPORT_FAILED',
  'CPS_RESTORE_SUCCESSFUL',
  'CPS_RESTORE_FAILED',
  'CPS_COLLECTION_RESTORE_SUCCESSFUL',
  'CPS_COLLECTION_RESTORE_FAILED',
  'CPS_COLLECTION_RESTORE_CANCELED',
  'CPS_COLLECTION_RESTORE_PARTIAL_SUCCESS',
  'CPS_SNAPSHOT_DOWNLOAD_REQUEST_FAILED',
  'TENANT_SNAPSHOT_FAILED',
  'TENANT_RESTORE_FAILED',
] as const;

/**
 * The backup audit types: who deleted a snapshot, changed retention or the schedule, asked for a
 * restore, or moved the Backup Compliance Policy. No recording names a cluster; exported per
 * project with who acted.
 */
export const BACKUP_AUDIT_TYPES = [
  'CPS_SNAPSHOT_DELETED_AUDIT',
  'CPS_SNAPSHOT_RETENTION_MODIFIED_AUDIT',
  'CPS_SNAPSHOT_SCHEDULE_UPDATED_AUDIT',
  'CPS_RESTORE_REQUESTED_AUDIT',
  'CPS_OPLOG_BEHIND_AUDIT',
  'TENANT_SNAPSHOT_DELETED_AUDIT',
  'TENANT_RESTORE_REQUESTED_AUDIT',
  'CPS_DATA_PROTECTION_ENABLE_REQUESTED',
  'CPS_DATA_PROTECTION_ENABLED',
  'CPS_DATA_PROTECTION_UPDATE_REQUESTED',
  'CPS_DATA_PROTECTION_UPDATED',
  'CPS_DATA_PROTECTION_DISABLE_REQUESTED',
  'CPS_DATA_PROTECTION_APPROVED_FOR_DISABLEMENT',
  'CPS_DATA_PROTECTION_DISABLED',
] as const;

/** A project's events of these types created at `minDate` or later, newest first. */
export function projectEventsEndpoint(groupId: string, types: readonly string[], minDateMs: number) {
  const minDate = encodeURIComponent(new Date(minDateMs).toISOString());
  return {
    ...v2Endpoint('project_events', MEDIA_TYPES.v20230101, `/groups/${segment(groupId)}/events`),
    query: `${types.map((t) => `eventType=${t}`).join('&')}&minDate=${minDate}`,
  };
}
