import { iso, V2 } from '../http/wire.js';
import { DAY_MS, seconds } from '../world/generate.js';
import type { ScenarioRoles, SimDedicatedCluster, SimProject } from '../world/model.js';
import { mulberry32, objectId, type Rng } from '../world/prng.js';
import { byName, ref } from '../world/refs.js';
import { backupManagerList } from './clusters.js';
import { addExportBuckets, type SimExportBucket } from './export-buckets.js';
import { simResource, V2023 } from './resource.js';

/** An export job (DiskBackupExportJob): Atlas spells its state in PascalCase. */
export interface SimExportJob {
  id: string;
  state: 'Queued' | 'InProgress' | 'Successful' | 'Failed' | 'Cancelled';
  createdMs: number;
  /** absent until it ends */
  finishedMs?: number;
  snapshotId: string;
  exportBucketId: string;
  /** set on a failed job */
  stateReason?: { errorCode: string; message: string };
}

/** A schedule's auto-export (AutoExportPolicyView): to which bucket, how often. */
export interface SimAutoExport {
  exportBucketId: string;
  frequencyType: 'monthly' | 'yearly';
}

/**
 * DiskBackupExportJob. A sharded cluster's job has one component per shard; every collection of
 * a successful job is exported, none of a queued one.
 */
export function renderExportJob(c: SimDedicatedCluster, j: SimExportJob, base: string) {
  const total = 12;
  const exported = j.state === 'Successful' ? total : j.state === 'Queued' ? 0 : total / 2;
  return {
    ...(c.shards > 1
      ? {
          components: Array.from({ length: c.shards }, (_, k) => ({
            exportId: `${j.id.slice(0, 22)}${(0x10 + k).toString(16)}`,
            replicaSetName: `${c.name}-shard-${k}`,
          })),
        }
      : {}),
    createdAt: iso(j.createdMs),
    customData: [],
    exportBucketId: j.exportBucketId,
    exportStatus: { exportedCollections: exported, totalCollections: total },
    ...(j.finishedMs === undefined ? {} : { finishedAt: iso(j.finishedMs) }),
    id: j.id,
    links: [
      { href: `${base}${V2}/groups/${c.groupId}/clusters/${c.name}/backup/exports/${j.id}`, rel: 'self' },
    ],
    snapshotId: j.snapshotId,
    state: j.state,
    ...(j.stateReason ? { stateReason: j.stateReason } : {}),
  };
}

/** The export jobs of dedicated clusters: Project Backup Manager, like their restore jobs. */
export const exportJobs = simResource({
  name: 'export-jobs',
  routes: [
    backupManagerList('export_jobs', 'backup/exports', V2023, (c, base) =>
      c.exportJobs.map((j) => renderExportJob(c, j, base)),
    ),
  ],
});

/** Recorded: Queued → InProgress → Successful took 15 minutes. */
const EXPORT_MS = 15 * 60_000;

function exportJob(
  rng: Rng,
  c: SimDedicatedCluster,
  bucket: SimExportBucket,
  state: SimExportJob['state'],
  createdMs: number,
): SimExportJob {
  const created = seconds(createdMs);
  const snapshot = c.snapshots.find((s) => s.createdMs !== undefined && s.createdMs < created);
  const ended = state === 'Successful' || state === 'Failed' || state === 'Cancelled';
  return {
    id: objectId(rng, created),
    state,
    createdMs: created,
    ...(ended ? { finishedMs: created + EXPORT_MS } : {}),
    snapshotId: snapshot?.id ?? objectId(rng, created - DAY_MS),
    exportBucketId: bucket._id,
    ...(state === 'Failed'
      ? {
          stateReason: {
            errorCode: 'EXPORT_BUCKET_ACCESS_DENIED',
            message: 'Access denied to the export bucket.',
          },
        }
      : {}),
  };
}

/**
 * Export buckets of every provider in the shop project, auto-export on four of its clusters,
 * and export jobs in every state. A stream of its own, so the rest of the scenario stays as it was.
 */
export function addExports(
  seed: number,
  shop: SimProject,
  nowMs: number,
): Pick<ScenarioRoles, 'exportingDedicated' | 'overdueExport' | 'failedExport'> {
  const rng = mulberry32(seed ^ 0xe4b0);
  const ago = (ms: number) => nowMs - ms;
  const { aws, gcp } = addExportBuckets(rng, shop, nowMs);

  // Healthy, monthly: the last export 9 days ago, this month's under way.
  const orders = byName(shop.dedicated, 'orders-db');
  orders.autoExport = { exportBucketId: aws._id, frequencyType: 'monthly' };
  orders.exportJobs = [
    exportJob(rng, orders, aws, 'Successful', ago(40 * DAY_MS)),
    exportJob(rng, orders, aws, 'Successful', ago(9 * DAY_MS)),
    exportJob(rng, orders, aws, 'InProgress', ago(5 * 60_000)),
  ];
  // Sharded, monthly, healthy: one job per shard; one cancelled by hand between two exports.
  const search = byName(shop.dedicated, 'search-db');
  search.autoExport = { exportBucketId: gcp._id, frequencyType: 'monthly' };
  search.exportJobs = [
    exportJob(rng, search, gcp, 'Successful', ago(43 * DAY_MS)),
    exportJob(rng, search, gcp, 'Cancelled', ago(20 * DAY_MS)),
    exportJob(rng, search, gcp, 'Successful', ago(12 * DAY_MS)),
  ];
  // Overdue, monthly: no successful export for 55 days (over 1.5 × 31).
  const billing = byName(shop.dedicated, 'billing-db');
  billing.autoExport = { exportBucketId: aws._id, frequencyType: 'monthly' };
  billing.exportJobs = [
    exportJob(rng, billing, aws, 'Successful', ago(86 * DAY_MS)),
    exportJob(rng, billing, aws, 'Successful', ago(55 * DAY_MS)),
  ];
  // Failed, yearly: the newest export failed two days ago, a retry queued minutes ago.
  const checkout = byName(shop.dedicated, 'checkout-db');
  checkout.autoExport = { exportBucketId: aws._id, frequencyType: 'yearly' };
  checkout.exportJobs = [
    exportJob(rng, checkout, aws, 'Successful', ago(200 * DAY_MS)),
    exportJob(rng, checkout, aws, 'Failed', ago(2 * DAY_MS)),
    exportJob(rng, checkout, aws, 'Queued', ago(3 * 60_000)),
  ];
  return {
    exportingDedicated: ref(shop, orders),
    overdueExport: ref(shop, billing),
    failedExport: ref(shop, checkout),
  };
}
