import { backupSchedule } from './backup-schedule.js';
import { clusterSnapshots } from './cluster-snapshots.js';
import { clusters } from './clusters.js';
import { flexClusters } from './flex-clusters.js';
import { flexSnapshots } from './flex-snapshots.js';
import { projectEvents } from './project-events.js';
import { projects } from './projects.js';
import { restoreJobs } from './restore-jobs.js';
import { serverlessInstances } from './serverless-instances.js';
import { serverlessSnapshots } from './serverless-snapshots.js';

/** Every Atlas list the simulator serves: one line per resource; http/routes.ts takes their routes. */
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
] as const;
