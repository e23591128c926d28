import { backupName } from '../../metrics/family.js';
import type { ClusterInfo } from '../../resources/cluster.js';
import { listAll } from '../../resources/list-all.js';
import { EXPORT_OVERDUE_FACTOR } from '../../status/backup-status.js';
import { type ClusterNote, defineCollector, type Reading, type ReadPlan } from '../collector.js';
import { exportJobsEndpoint } from './endpoints.js';
import { parseExportJob } from './schema.js';
import { type ExportSummary, summariseExportJobs } from './transform.js';

/**
 * Whether a cluster's export jobs must be read now: after a failed read, while a job is queued
 * or in progress, once after the next auto-export falls due (the newest successful export plus
 * the schedule's interval; an overdue export is not read again before the recheck), and once
 * the recheck interval has passed (`0` reads them on every refresh).
 */
export function mustReadExportJobs(previous: Reading<ExportSummary> | undefined, plan: ReadPlan): boolean {
  const { listed, nowMs, recheckIntervalMs } = plan;
  if (recheckIntervalMs <= 0 || !previous?.success || previous.lastReadMs === undefined) return true;
  if (previous.facts?.unfinished) return true;
  if (nowMs - previous.lastReadMs >= recheckIntervalMs) return true;
  const last = previous.facts?.lastSuccessfulTime;
  const interval = listed.exportIntervalSeconds;
  if (last === undefined || interval === undefined) return false;
  const dueMs = (last + interval) * 1000;
  return dueMs <= nowMs && previous.lastReadMs < dueMs;
}

/**
 * "export overdue" while auto-export is on and no export succeeded within EXPORT_OVERDUE_FACTOR ×
 * its interval, as the alert says: a cluster never exported once it is older than that window,
 * a paused one never (it takes no snapshot to export).
 */
export function exportNotes(facts: ExportSummary, info: ClusterInfo, nowMs: number): ClusterNote[] {
  const interval = info.exportIntervalSeconds;
  if (interval === undefined || info.paused) return [];
  const since = facts.lastSuccessfulTime ?? info.createdAt;
  const overdue = since !== undefined && nowMs / 1000 - since > EXPORT_OVERDUE_FACTOR * interval;
  return overdue ? [{ text: 'export overdue' }] : [];
}

/** The export jobs of dedicated clusters with backup (exports to object storage). */
/** Its family names, exported for the mixin's queries (a rename breaks their build). */
export const EXPORT_JOB_FAMILY = {
  jobs: backupName('export_jobs'),
  lastSuccessful: backupName('last_successful_export_timestamp_seconds'),
  lastFailed: backupName('last_failed_export_timestamp_seconds'),
  success: backupName('export_collect_success'),
} as const;

export const exportJobs = defineCollector<ExportSummary>({
  name: 'export-jobs',
  flag: {
    name: 'exports',
    help: 'Export export-job and export-bucket series (Project Backup Manager for jobs, Project Read Only for buckets). A job list is read again only while a job is unfinished, when an auto-export is due, or after --atlas.snapshot-recheck-interval. On with --demo unless set.',
    default: false,
    onInDemo: true,
  },
  noun: 'export-job list',
  failure: 'cannot read export jobs',
  endpoints: { dedicated: ['export_jobs'] },
  role: { dedicated: 'Project Backup Manager' },
  // Exports are of snapshots: without backup there are none.
  applies: (info) => info.backupEnabled,
  mustRead: mustReadExportJobs,
  notes: exportNotes,
  async read(info, ctx) {
    const endpoint = exportJobsEndpoint(info.groupId, info.name);
    return summariseExportJobs(await listAll(ctx.client, endpoint, parseExportJob, ctx.signal));
  },
  families: [
    {
      name: EXPORT_JOB_FAMILY.jobs,
      help: 'Export jobs Atlas lists for the cluster, by state.',
      labels: ['state'],
      samples: (s) => s.counts.map((c) => [[c.state], c.count]),
    },
    {
      name: EXPORT_JOB_FAMILY.lastSuccessful,
      help: 'When the newest successful export finished.',
      labels: [],
      value: (s) => s.lastSuccessfulTime,
    },
    {
      name: EXPORT_JOB_FAMILY.lastFailed,
      help: 'When the newest failed export finished (else when it was created).',
      labels: [],
      value: (s) => s.lastFailedTime,
    },
  ],
  success: {
    name: EXPORT_JOB_FAMILY.success,
    help: "1 if this cluster's export jobs were read on the last attempt; on 0 the values are the last good ones.",
  },
});
