import { AtlasError } from '../../atlas/errors.js';
import { backupName } from '../../metrics/family.js';
import type { ClusterInfo } from '../../resources/cluster.js';
import { HISTORY_SHORT_FRACTION } from '../../status/backup-status.js';
import { type ClusterNote, defineCollector, type Reading } from '../collector.js';
import { snapshotSummary } from '../snapshots/collector.js';
import { scheduleEndpoint } from './endpoints.js';
import { type ScheduleFacts, scheduleFacts, scheduleIsFresh } from './schedule.js';
import { parseBackupSchedule } from './schema.js';

/** 404 BACKUP_CONFIG_NOT_FOUND: the cluster has no schedule, which is an answer, not an error. */
function isNoSchedule(err: unknown): boolean {
  return err instanceof AtlasError && err.status === 404 && err.errorCode === 'BACKUP_CONFIG_NOT_FOUND';
}

const flag = (value: boolean) => (value ? 'true' : 'false');

/**
 * A dedicated cluster's info with its schedule's facts. Paused clusters and clusters without
 * backup expect no snapshot nor export, whatever an older schedule said, so no overdue alert
 * can fire. The schedule names a point-in-time window whether or not continuous backup is on: only a cluster
 * listed with it on has one (the list is current, the schedule may be an hour old).
 */
export function withSchedule(info: ClusterInfo, schedule: ScheduleFacts | undefined): ClusterInfo {
  const expects = info.backupEnabled && !info.paused;
  return {
    ...info,
    expectedIntervalSeconds: expects ? schedule?.expectedIntervalSeconds : undefined,
    nextScheduledSnapshot: expects ? schedule?.nextSnapshot : undefined,
    exportIntervalSeconds: expects ? schedule?.exportIntervalSeconds : undefined,
    restoreWindowSeconds: info.pitEnabled ? schedule?.restoreWindowSeconds : undefined,
  };
}

/**
 * "history shorter than policy", the alert's rule: the oldest completed snapshot younger than
 * HISTORY_SHORT_FRACTION of the policy's longest retention while the cluster is older than that
 * retention (deleted, or never taken).
 */
export function historyNotes(
  facts: ScheduleFacts,
  info: ClusterInfo,
  nowMs: number,
  readings: ReadonlyMap<string, Reading<unknown>>,
): ClusterNote[] {
  const longest = Math.max(0, ...Object.values(facts.retentionSeconds));
  const oldest = snapshotSummary(readings)?.oldestCompletedTime;
  const now = nowMs / 1000;
  const short =
    longest > 0 &&
    oldest !== undefined &&
    info.createdAt !== undefined &&
    now - oldest < HISTORY_SHORT_FRACTION * longest &&
    now - info.createdAt > longest;
  return short ? [{ text: 'history shorter than policy' }] : [];
}

/**
 * The backup schedule of dedicated clusters with backup: the expected interval, the next
 * snapshot, the copy settings, the retention per frequency and the point-in-time window. Read only with the snapshot list it describes (core, before
 * it: registry order), at most hourly; a paused cluster's is not read (it expects none) and the
 * last one read stands. Its copy settings are configuration: a paused cluster keeps them.
 */
/** Its family names, exported for the mixin's queries (a rename breaks their build). */
export const SCHEDULE_FAMILY = {
  copySetting: backupName('copy_setting_info'),
  policyRetention: backupName('policy_retention_seconds'),
  exportInterval: backupName('export_expected_interval_seconds'),
} as const;

export const schedule = defineCollector<ScheduleFacts>({
  name: 'schedule',
  core: true,
  noun: 'backup schedule',
  // One message for a cluster's read, whichever of its lists failed.
  failure: 'cannot read backup snapshots',
  endpoints: { dedicated: ['backup_schedule'] },
  applies: (info) => info.backupEnabled,
  // Never a reason to read the cluster by itself: the snapshot list's recheck decides.
  mustRead: () => false,
  keep: (before, { listed, nowMs }) =>
    listed.paused ||
    (before?.facts !== undefined &&
      before.lastReadMs !== undefined &&
      scheduleIsFresh({ readMs: before.lastReadMs, nextSnapshot: before.facts.nextSnapshot }, nowMs)),
  async read(info, ctx) {
    try {
      return scheduleFacts(
        parseBackupSchedule(await ctx.client.get(scheduleEndpoint(info.groupId, info.name), ctx.signal)),
      );
    } catch (err) {
      if (isNoSchedule(err)) return scheduleFacts(undefined);
      throw err;
    }
  },
  describe: withSchedule,
  notes: historyNotes,
  families: [
    {
      name: SCHEDULE_FAMILY.copySetting,
      help: 'Dedicated only: a region the backup schedule copies snapshots to (its copySettings).',
      labels: ['cloud_provider', 'region_name', 'zone_id', 'copy_oplogs'],
      samples: (s) =>
        s.copySettings.map((c) => [[c.cloudProvider, c.regionName, c.zoneId, flag(c.copyOplogs)], 1]),
    },
    {
      // Configuration, like the copy settings: a paused cluster keeps it (the alert skips those).
      name: SCHEDULE_FAMILY.exportInterval,
      help: 'Dedicated with auto-export on: how often a snapshot should be exported (monthly 31 d, yearly 366 d).',
      labels: [],
      value: (s) => s.exportIntervalSeconds,
    },
    {
      name: SCHEDULE_FAMILY.policyRetention,
      help: "Dedicated only: the longest retention among the backup policy's items of this frequency.",
      labels: ['frequency'],
      samples: (s) =>
        Object.entries(s.retentionSeconds).map(([frequency, seconds]) => [[frequency], seconds]),
    },
  ],
});
