import { backupSchedule } from './backup-schedule.js';
import { clusterSnapshots } from './cluster-snapshots.js';
import { clusters } from './clusters.js';
import { collectionRestoreJobs } from './collection-restore-jobs.js';
import { compliancePolicy } from './compliance-policy.js';
import { exportBuckets } from './export-buckets.js';
import { exportJobs } from './export-jobs.js';
import { flexClusters } from './flex-clusters.js';
import { flexSnapshots } from './flex-snapshots.js';
import { invoices } from './invoices.js';
import { onlineArchives } from './online-archives.js';
import { projectEvents } from './project-events.js';
import { projects } from './projects.js';
import { restoreJobs } from './restore-jobs.js';
import { serverlessInstances } from './serverless-instances.js';
import { serverlessSnapshots } from './serverless-snapshots.js';

/**
 * Every Atlas list the simulator serves: one line per resource; http/routes.ts takes their routes.
 * A new list is a module beside these (its item type, generator and scenario part, routes with
 * the role each needs, rendering), a field on the cluster record in world/model.ts that holds
 * its items, and a line here.
 */
export const SIM_RESOURCES = [
  projects,
  projectEvents,
  flexClusters,
  flexSnapshots,
  serverlessInstances,
  serverlessSnapshots,
  clusters,
  clusterSnapshots,
  backupSchedule,
  restoreJobs,
  exportJobs,
  exportBuckets,
  collectionRestoreJobs,
  onlineArchives,
  compliancePolicy,
  invoices,
] as const;
