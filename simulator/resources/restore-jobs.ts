import { iso, isResponse, okPage, V2 } from '../http/wire.js';
import type {
  SimDedicatedCluster,
  SimDedicatedRestoreJob,
  SimFlexCluster,
  SimFlexRestoreJob,
} from '../world/model.js';
import { findDedicated } from './clusters.js';
import { findFlex } from './flex-clusters.js';
import { GROUP_PATH, PROJECT_BACKUP_MANAGER, simResource, V2023, V2024 } from './resource.js';

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

/**
 * Restore jobs of Flex and dedicated clusters. Only the dedicated list needs Project Backup
 * Manager; Project Read Only reads the Flex one.
 */
export const restoreJobs = simResource({
  name: 'restore-jobs',
  routes: [
    {
      endpoint: 'flex_restore_jobs',
      method: 'GET',
      pattern: new RegExp(`^${GROUP_PATH}/flexClusters/([^/]+)/backup/restoreJobs$`),
      version: V2024,
      paged: true,
      scope: 'project',
      handle: ({ project, params, base, query, self, version }) => {
        const c = findFlex(project, params[0] ?? '');
        if (isResponse(c)) return c;
        return okPage(
          c.restoreJobs.map((j) => renderFlexRestoreJob(c, j, base)),
          query,
          self,
          version,
        );
      },
    },
    {
      endpoint: 'restore_jobs',
      method: 'GET',
      pattern: new RegExp(`^${GROUP_PATH}/clusters/([^/]+)/backup/restoreJobs$`),
      version: V2023,
      paged: true,
      scope: 'project',
      role: PROJECT_BACKUP_MANAGER,
      handle: ({ project, params, base, query, self, version }) => {
        const c = findDedicated(project, params[0] ?? '');
        if (isResponse(c)) return c;
        return okPage(
          c.restoreJobs.map((j) => renderDedicatedRestoreJob(c, j, base)),
          query,
          self,
          version,
        );
      },
    },
  ],
});
