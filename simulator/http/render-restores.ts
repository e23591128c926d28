import type {
  SimDedicatedCluster,
  SimDedicatedRestoreJob,
  SimFlexCluster,
  SimFlexRestoreJob,
} from '../world/model.js';
import { iso } from './render.js';

const V2 = '/api/atlas/v2';
/** Recorded: a Flex job's expirationDate is its scheduled time plus 6 h. */
const FLEX_EXPIRATION_MS = 6 * 3_600_000;

/** FlexBackupRestoreJob20241113; restoreFinishedDate only once completed, snapshotUrl for downloads. */
export function renderFlexRestoreJob(c: SimFlexCluster, j: SimFlexRestoreJob, base: string) {
  return {
    deliveryType: j.deliveryType,
    expirationDate: iso(j.scheduledMs + FLEX_EXPIRATION_MS),
    id: j.id,
    instanceName: c.name,
    links: [
      {
        href: `${base}${V2}/groups/${c.groupId}/flexClusters/${c.name}/backup/restoreJobs/${j.id}`,
        rel: 'self',
      },
    ],
    projectId: c.groupId,
    ...(j.finishedMs === undefined ? {} : { restoreFinishedDate: iso(j.finishedMs) }),
    restoreScheduledDate: iso(j.scheduledMs),
    snapshotFinishedDate: iso(j.snapshotFinishedMs),
    snapshotId: j.snapshotId,
    ...(j.deliveryType === 'DOWNLOAD' && j.status === 'COMPLETED'
      ? { snapshotUrl: `https://flex-backups.mongodb.net/${c.groupId}/${j.snapshotId}.tar.gz` }
      : {}),
    status: j.status,
    ...(j.targetName === undefined ? {} : { targetDeploymentItemName: j.targetName }),
    ...(j.targetProjectId === undefined ? {} : { targetProjectId: j.targetProjectId }),
  };
}

/**
 * DiskBackupSnapshotRestoreJob: flags and finishedAt, no status and no creation time. A download
 * shows `deliveryUrl: []` until its files are ready, then one URL and expiresAt (recorded).
 * `desiredTimestamp` is recorded with nulls, which the spec's schema refuses: left out.
 */
export function renderDedicatedRestoreJob(c: SimDedicatedCluster, j: SimDedicatedRestoreJob, base: string) {
  const pointInTime = j.deliveryType === 'pointInTime';
  return {
    cancelled: j.cancelled,
    deliveryType: j.deliveryType,
    deliveryUrl: j.deliveryUrl,
    expired: j.expired,
    ...(j.expiresMs === undefined ? {} : { expiresAt: iso(j.expiresMs) }),
    failed: j.failed,
    ...(j.finishedMs === undefined ? {} : { finishedAt: iso(j.finishedMs) }),
    id: j.id,
    links: [
      { href: `${base}${V2}/groups/${c.groupId}/clusters/${c.name}/backup/restoreJobs/${j.id}`, rel: 'self' },
    ],
    ...(pointInTime && j.pointInTimeSeconds !== undefined
      ? { pointInTimeUTCSeconds: j.pointInTimeSeconds }
      : { snapshotId: j.snapshotId }),
    ...(j.targetClusterName === undefined ? {} : { targetClusterName: j.targetClusterName }),
    ...(j.targetGroupId === undefined ? {} : { targetGroupId: j.targetGroupId }),
    timestamp: iso(j.snapshotMs),
  };
}
