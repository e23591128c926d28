import { iso, isResponse, okPage, V2 } from '../http/wire.js';
import { DAY_MS, HOUR_MS, seconds } from '../world/generate.js';
import type { ScenarioRoles, SimDedicatedCluster, SimFlexCluster, SimProject } from '../world/model.js';
import { mulberry32, objectId, type Rng } from '../world/prng.js';
import { byName, ref } from '../world/refs.js';
import { backupManagerList } from './clusters.js';
import { findFlex } from './flex-clusters.js';
import { GROUP_PATH, simResource, V2023, V2024 } from './resource.js';

/** A Flex restore job (FlexBackupRestoreJob20241113). */
export interface SimFlexRestoreJob {
  id: string;
  /** PENDING, QUEUED, RUNNING, FAILED, COMPLETED */
  status: string;
  deliveryType: 'RESTORE' | 'DOWNLOAD';
  scheduledMs: number;
  /** absent until it completes */
  finishedMs?: number;
  snapshotId: string;
  snapshotFinishedMs: number;
  /** the cluster restored into (RESTORE only) */
  targetName?: string;
  targetProjectId?: string;
}

/** A dedicated restore job (DiskBackupSnapshotRestoreJob): no status, no creation time. */
export interface SimDedicatedRestoreJob {
  id: string;
  deliveryType: 'automated' | 'download' | 'pointInTime';
  /** when it was asked for: the simulator's own, never rendered (Atlas gives none) */
  requestedMs: number;
  snapshotId: string;
  /** when the restored snapshot was taken */
  snapshotMs: number;
  cancelled: boolean;
  failed: boolean;
  expired: boolean;
  finishedMs?: number;
  /** downloads: set once the files are ready (recorded) */
  expiresMs?: number;
  deliveryUrl: string[];
  targetClusterName?: string;
  targetGroupId?: string;
  pointInTimeSeconds?: number;
}

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
    backupManagerList('restore_jobs', 'backup/restoreJobs', V2023, (c, base) =>
      c.restoreJobs.map((j) => renderDedicatedRestoreJob(c, j, base)),
    ),
  ],
});

function flexJob(
  rng: Rng,
  c: SimFlexCluster,
  status: string,
  scheduledMs: number,
  deliveryType: SimFlexRestoreJob['deliveryType'] = 'RESTORE',
): SimFlexRestoreJob {
  const scheduled = seconds(scheduledMs);
  const snapshot = c.snapshots.at(-1);
  const job: SimFlexRestoreJob = {
    id: objectId(rng, scheduled),
    status,
    deliveryType,
    scheduledMs: scheduled,
    snapshotId: snapshot?.id ?? objectId(rng, scheduled - DAY_MS),
    snapshotFinishedMs: snapshot?.finishMs ?? scheduled - DAY_MS,
    ...(deliveryType === 'RESTORE' ? { targetName: `${c.name}-restore`, targetProjectId: c.groupId } : {}),
  };
  if (status === 'COMPLETED') job.finishedMs = scheduled + 3 * 60_000;
  return job;
}

type DedicatedInit = Partial<
  Omit<SimDedicatedRestoreJob, 'id' | 'requestedMs' | 'snapshotId' | 'snapshotMs'>
>;

function dedicatedJob(
  rng: Rng,
  c: SimDedicatedCluster,
  requestedMs: number,
  init: DedicatedInit = {},
): SimDedicatedRestoreJob {
  const requested = seconds(requestedMs);
  const snapshot = c.snapshots.find((s) => s.createdMs !== undefined && s.createdMs < requested);
  const deliveryType = init.deliveryType ?? 'automated';
  return {
    id: objectId(rng, requested),
    deliveryType,
    requestedMs: requested,
    snapshotId: snapshot?.id ?? objectId(rng, requested - DAY_MS),
    snapshotMs: snapshot?.createdMs ?? requested - DAY_MS,
    cancelled: false,
    failed: false,
    expired: false,
    deliveryUrl: [],
    ...(deliveryType === 'download'
      ? {}
      : { targetClusterName: `${c.name}-drill`, targetGroupId: c.groupId }),
    ...init,
  };
}

/**
 * Restore jobs of every shape, on clusters of the default scenario. A stream of its own, so the
 * snapshots and ids of the rest of the scenario stay as they were.
 */
export function addRestoreJobs(
  seed: number,
  projects: { shop: SimProject; lab: SimProject },
  nowMs: number,
): Pick<ScenarioRoles, 'failedRestore' | 'oldRestore'> {
  const rng = mulberry32(seed ^ 0x2e57);
  const { shop, lab } = projects;
  const ago = (ms: number) => nowMs - ms;

  // Flex, newest first as recorded: a drill two days ago, a download last week.
  const orders = byName(shop.flex, 'orders-prod');
  orders.restoreJobs = [
    flexJob(rng, orders, 'COMPLETED', ago(2 * DAY_MS)),
    flexJob(rng, orders, 'COMPLETED', ago(6 * DAY_MS), 'DOWNLOAD'),
  ];
  // Failed: the newest restore failed, after one that completed.
  const payments = byName(shop.flex, 'payments-prod');
  payments.restoreJobs = [
    flexJob(rng, payments, 'FAILED', ago(3 * HOUR_MS)),
    flexJob(rng, payments, 'COMPLETED', ago(10 * DAY_MS)),
  ];
  // Under way, minutes old: pending, queued and running are normal.
  const events = byName(lab.flex, 'events-dev');
  events.restoreJobs = [
    flexJob(rng, events, 'PENDING', ago(60_000)),
    flexJob(rng, events, 'QUEUED', ago(4 * 60_000), 'DOWNLOAD'),
    flexJob(rng, events, 'RUNNING', ago(9 * 60_000)),
  ];

  // Dedicated, oldest first. Healthy: drills done, a download expired, one waiting for its user.
  const ordersDb = byName(shop.dedicated, 'orders-db');
  ordersDb.restoreJobs = [
    dedicatedJob(rng, ordersDb, ago(30 * DAY_MS), { deliveryType: 'download', expired: true }),
    dedicatedJob(rng, ordersDb, ago(3 * DAY_MS), {
      deliveryType: 'pointInTime',
      pointInTimeSeconds: Math.floor(ago(3 * DAY_MS + HOUR_MS) / 1000),
      finishedMs: seconds(ago(3 * DAY_MS - 25 * 60_000)),
    }),
    // recorded: an automated restore gets finishedAt about 4 minutes after it is asked for
    dedicatedJob(rng, ordersDb, ago(DAY_MS), { finishedMs: seconds(ago(DAY_MS - 4 * 60_000)) }),
    dedicatedJob(rng, ordersDb, ago(40 * 60_000), {
      deliveryType: 'download',
      deliveryUrl: [`https://restore-${ordersDb.id}.s3.amazonaws.com/${ordersDb.name}.tar.gz`],
      expiresMs: seconds(ago(40 * 60_000) + 2 * DAY_MS),
    }),
  ];
  // Failed after a completed drill, and a cancelled one before.
  const checkout = byName(shop.dedicated, 'checkout-db');
  checkout.restoreJobs = [
    dedicatedJob(rng, checkout, ago(40 * DAY_MS), { cancelled: true }),
    dedicatedJob(rng, checkout, ago(20 * DAY_MS), { finishedMs: seconds(ago(20 * DAY_MS - 5 * 60_000)) }),
    dedicatedJob(rng, checkout, ago(2 * HOUR_MS), { failed: true, finishedMs: seconds(ago(HOUR_MS)) }),
  ];
  // The last drill is about 200 days old.
  const search = byName(shop.dedicated, 'search-db');
  search.restoreJobs = [
    dedicatedJob(rng, search, ago(200 * DAY_MS), { finishedMs: seconds(ago(200 * DAY_MS - 9 * 60_000)) }),
  ];
  // A point-in-time restore under way for a few minutes.
  const pit = byName(lab.dedicated, 'analytics-pit');
  pit.restoreJobs = [
    dedicatedJob(rng, pit, ago(5 * 60_000), {
      deliveryType: 'pointInTime',
      pointInTimeSeconds: Math.floor(ago(2 * HOUR_MS) / 1000),
    }),
  ];

  return {
    failedRestore: { flex: ref(shop, payments), dedicated: ref(shop, checkout) },
    oldRestore: ref(shop, search),
  };
}
