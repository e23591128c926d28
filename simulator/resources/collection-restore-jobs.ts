import { iso } from '../http/wire.js';
import { DAY_MS, HOUR_MS, seconds } from '../world/generate.js';
import type { ScenarioRoles, SimDedicatedCluster, SimProject } from '../world/model.js';
import { mulberry32, objectId, type Rng } from '../world/prng.js';
import { byName, ref } from '../world/refs.js';
import { backupManagerList } from './clusters.js';
import { simResource, V20250312 } from './resource.js';

/** A collection-level restore job of a dedicated cluster (ApiAtlasCollectionRestoreJobResponse). */
export interface SimCollectionRestoreJob {
  id: string;
  /** INITIALIZING, IN_PROGRESS, FINALIZING, SUCCESSFUL, CANCELED, FAILED */
  state: string;
  createdMs: number;
  /** absent until it ends */
  finishedMs?: number;
  snapshotId: string;
  /** `database.collection` restored, each into `<name>_restored` */
  namespaces: string[];
  restoredDocuments: number;
  /** may start as an estimate (posture.md) */
  totalDocuments: number;
  writeStrategy: 'CREATE_NEW' | 'OVERWRITE_EXISTING';
  /** failed or canceled ones */
  errorMessage?: string;
}

/** ApiAtlasCollectionRestoreJobResponse; finishedAt and errorMessage only once Atlas has them. */
export function renderCollectionRestoreJob(c: SimDedicatedCluster, j: SimCollectionRestoreJob) {
  const ended = j.finishedMs !== undefined;
  return {
    collectionSuffix: '_restored',
    collections: j.namespaces.map((ns) => ({ sourceNamespace: ns, targetNamespace: `${ns}_restored` })),
    createdAt: iso(j.createdMs),
    ...(j.errorMessage === undefined ? {} : { errorMessage: j.errorMessage }),
    ...(j.finishedMs === undefined ? {} : { finishedAt: iso(j.finishedMs) }),
    id: j.id,
    indexStatus: {
      failedCollectionCount: 0,
      state: j.state === 'SUCCESSFUL' ? 'SUCCESSFUL' : ended ? 'NOT_RESTORED' : 'NOT_STARTED',
    },
    indexStrategy: 'ALL',
    restoredDocuments: j.restoredDocuments,
    snapshotId: j.snapshotId,
    state: j.state,
    targetClusterName: c.name,
    targetGroupId: c.groupId,
    totalDocuments: j.totalDocuments,
    writeStrategy: j.writeStrategy,
  };
}

/** Collection-level restore jobs of dedicated clusters: Project Backup Manager, as the cluster-level list. */
export const collectionRestoreJobs = simResource({
  name: 'collection-restore-jobs',
  routes: [
    backupManagerList('collection_restore_jobs', 'collectionRestoreJobs', V20250312, (c) =>
      c.collectionRestoreJobs.map((j) => renderCollectionRestoreJob(c, j)),
    ),
  ],
});

interface JobInit {
  state: string;
  /** how long ago it was asked for */
  ago: number;
  /** how long it ran, when it has ended */
  took?: number;
  /** share of the documents restored */
  done?: number;
  errorMessage?: string;
}

function collectionJob(
  rng: Rng,
  c: SimDedicatedCluster,
  nowMs: number,
  init: JobInit,
): SimCollectionRestoreJob {
  const createdMs = seconds(nowMs - init.ago);
  const snapshot = c.snapshots.find((s) => s.createdMs !== undefined && s.createdMs < createdMs);
  const totalDocuments = 250_000;
  return {
    id: objectId(rng, createdMs),
    state: init.state,
    createdMs,
    ...(init.took === undefined ? {} : { finishedMs: seconds(createdMs + init.took) }),
    snapshotId: snapshot?.id ?? objectId(rng, createdMs - DAY_MS),
    namespaces: ['shop.orders', 'shop.customers'],
    restoredDocuments: Math.round(totalDocuments * (init.done ?? (init.state === 'SUCCESSFUL' ? 1 : 0))),
    totalDocuments,
    writeStrategy: 'CREATE_NEW',
    ...(init.errorMessage === undefined ? {} : { errorMessage: init.errorMessage }),
  };
}

/**
 * Collection-level restore jobs in every state, oldest first, on dedicated clusters of the
 * default scenario. A stream of its own, so the rest of the scenario stays as it was. Unfinished
 * ones sit only on clusters whose cluster-level list is re-read anyway.
 */
export function addCollectionRestoreJobs(
  seed: number,
  projects: { shop: SimProject; lab: SimProject },
  nowMs: number,
): Pick<ScenarioRoles, 'slowRestore'> {
  const rng = mulberry32(seed ^ 0xc011);
  const { shop, lab } = projects;
  const add = (c: SimDedicatedCluster, ...jobs: JobInit[]) => {
    c.collectionRestoreJobs = jobs.map((j) => collectionJob(rng, c, nowMs, j));
  };

  // Healthy: a canceled one, a 25-minute one, and one under way.
  add(
    byName(shop.dedicated, 'orders-db'),
    { state: 'CANCELED', ago: 9 * DAY_MS, took: 3 * 60_000, errorMessage: 'Restore canceled by user.' },
    { state: 'SUCCESSFUL', ago: 2 * DAY_MS, took: 25 * 60_000 },
    { state: 'IN_PROGRESS', ago: 20 * 60_000, done: 0.4 },
  );
  // The newest failed after one that succeeded.
  add(
    byName(shop.dedicated, 'checkout-db'),
    { state: 'SUCCESSFUL', ago: 30 * DAY_MS, took: 10 * 60_000 },
    {
      state: 'FAILED',
      ago: 5 * HOUR_MS,
      took: 40 * 60_000,
      errorMessage: 'Target cluster ran out of disk space.',
    },
  );
  // Slow: the newest restore took 6.5 h, over the mixin's recovery-time target.
  const billing = byName(shop.dedicated, 'billing-db');
  add(billing, { state: 'SUCCESSFUL', ago: 3 * DAY_MS, took: 6.5 * HOUR_MS });
  // Starting and finishing, minutes old.
  add(
    byName(lab.dedicated, 'analytics-pit'),
    { state: 'FINALIZING', ago: 40 * 60_000, done: 1 },
    { state: 'INITIALIZING', ago: 2 * 60_000 },
  );
  return { slowRestore: ref(shop, billing) };
}
