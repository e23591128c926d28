import type { Snapshot } from '../collect/snapshot.js';
import type { ClusterRecord, CollectorState } from '../collect/state.js';
import type { SnapshotSummary } from '../collect/summarise.js';
import { escapeHelp, escapeLabel, formatValue } from './exposition.js';

type Value = number | undefined;

/** The per-cluster gauges with base labels only, in exposition order: [suffix, help, value]. */
const CLUSTER_GAUGES: ReadonlyArray<
  readonly [string, string, (r: ClusterRecord, s?: SnapshotSummary) => Value]
> = [
  ['cluster_created_timestamp_seconds', "The cluster's creation time.", (r) => r.info.createdAt],
  [
    'storage_bytes',
    'Storage used by completed snapshots (not reported for Flex).',
    (_, s) => s?.storageBytes,
  ],
  [
    'last_completed_snapshot_timestamp_seconds',
    'Snapshot time of the newest completed snapshot.',
    (_, s) => s?.lastCompletedTime,
  ],
  [
    'last_completed_snapshot_storage_bytes',
    'Size of the newest completed snapshot (not reported for Flex).',
    (_, s) => s?.lastCompletedStorageBytes,
  ],
  [
    'oldest_completed_snapshot_timestamp_seconds',
    'Snapshot time of the oldest completed snapshot: the start of the restore window.',
    (_, s) => s?.oldestCompletedTime,
  ],
  [
    'last_failed_snapshot_timestamp_seconds',
    'Snapshot time of the newest failed snapshot.',
    (_, s) => s?.lastFailedTime,
  ],
  [
    'oldest_unfinished_snapshot_timestamp_seconds',
    'Snapshot time of the oldest pending, queued or in-progress snapshot.',
    (_, s) => s?.oldestUnfinishedTime,
  ],
  [
    'next_snapshot_expiry_timestamp_seconds',
    'Earliest expiry among completed snapshots.',
    (_, s) => s?.nextExpiry,
  ],
  [
    'expected_interval_seconds',
    'How often Atlas should take a snapshot (dedicated: the shortest period of its backup policy).',
    (r) => r.info.expectedIntervalSeconds,
  ],
  [
    'next_scheduled_snapshot_timestamp_seconds',
    "Dedicated only: when the backup schedule's next snapshot is due (schedule read at most hourly).",
    (r) => r.info.nextScheduledSnapshot,
  ],
  [
    'collect_success',
    "1 if this cluster's snapshots were read on the last refresh; on 0 the values are the last good ones.",
    (r) => (r.collectSuccess ? 1 : 0),
  ],
  [
    'last_collect_success_timestamp_seconds',
    "When this cluster's snapshots were last found current (read, or unchanged since the last read).",
    (r) => (r.lastSuccessMs === undefined ? undefined : r.lastSuccessMs / 1000),
  ],
];

/** The per-snapshot gauges of --collector.snapshot-details, besides snapshot_info. */
const SNAPSHOT_GAUGES: ReadonlyArray<readonly [string, string, (s: Snapshot) => Value]> = [
  ['snapshot_timestamp_seconds', 'Snapshot time of one snapshot.', (x) => x.time],
  ['snapshot_expiry_timestamp_seconds', 'When Atlas deletes one snapshot.', (x) => x.expiresAt],
  ['snapshot_size_bytes', 'Size of one snapshot (not reported for Flex).', (x) => x.storageBytes],
];

export const AGE_FAMILY = 'mongodbatlas_backup_last_completed_snapshot_age_seconds';

const labelText = (pairs: ReadonlyArray<readonly [string, string]>) =>
  pairs.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',');
const flag = (value: boolean) => (value ? 'true' : 'false');

function byKey<T>(map: ReadonlyMap<string, T>): T[] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
}

/** The backup series of one refresh, and what the per-scrape age needs. */
export interface BackupText {
  /** every backup family but the age, the same in both formats: gauges only, no EOF; in pieces */
  readonly chunks: readonly Buffer[];
  /** base label text and newest completed snapshot time of each cluster that has one */
  readonly ages: ReadonlyArray<readonly [string, number]>;
}

/**
 * Lines are turned into bytes a few thousand at a time, with a turn of the event loop after each
 * piece: at L the body is 9 MB, and joining and encoding it in one go held the loop for 20-40 ms
 * while scrapes and Atlas responses waited.
 */
const LINES_PER_CHUNK = 2000;

/**
 * Encodes the backup series straight from the collector's state. They change only when a refresh
 * lands, so this runs once per refresh, not once per scrape (see registry.ts).
 */
export async function renderBackupText(
  state: CollectorState,
  cacheTtl: string,
  snapshotDetails: boolean,
): Promise<BackupText> {
  const cached = ` Cached for --atlas.cache-ttl (${cacheTtl}).`;
  const chunks: Buffer[] = [];
  let out: string[] = [];
  const cut = () => {
    if (out.length === 0) return;
    chunks.push(Buffer.from(`${out.join('\n')}\n`));
    out = [];
  };
  const family = (name: string, help: string) =>
    out.push(`# HELP ${name} ${escapeHelp(help + cached)}`, `# TYPE ${name} gauge`);
  const line = (name: string, labels: string, value: number) =>
    out.push(`${name}{${labels}} ${formatValue(value)}`);

  const clusters = byKey(state.clusters);
  const base = clusters.map((r) =>
    labelText([
      ['group_id', r.info.groupId],
      ['cluster_name', r.info.name],
      ['cluster_kind', r.info.kind],
    ]),
  );
  const eachCluster = async (write: (r: ClusterRecord, base: string) => void) => {
    for (let i = 0; i < clusters.length; i++) {
      write(clusters[i] as ClusterRecord, base[i] ?? '');
      if (out.length >= LINES_PER_CHUNK) {
        cut();
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
  };

  family('mongodbatlas_backup_project_info', 'An Atlas project in scope.');
  for (const { group } of byKey(state.projects)) {
    const labels = labelText([
      ['group_id', group.id],
      ['group_name', group.name],
      ['org_id', group.orgId],
    ]);
    line('mongodbatlas_backup_project_info', labels, 1);
  }

  family('mongodbatlas_backup_cluster_info', 'A cluster in scope and its backup settings.');
  await eachCluster(({ info }, b) => {
    const extra = labelText([
      ['group_name', info.groupName],
      ['state', info.state],
      ['provider', info.provider],
      ['region', info.region],
      ['mongodb_version', info.mongodbVersion],
      ['tier', info.tier],
      ['topology', info.topology],
      ['backup_enabled', flag(info.backupEnabled)],
      ['pit_enabled', flag(info.pitEnabled)],
      ['paused', flag(info.paused)],
    ]);
    line('mongodbatlas_backup_cluster_info', `${b},${extra}`, 1);
  });

  family('mongodbatlas_backup_snapshots', 'Number of backup snapshots by status, type and frequency.');
  await eachCluster(({ summary }, b) => {
    for (const c of summary?.counts ?? []) {
      const extra = labelText([
        ['status', c.status],
        ['snapshot_type', c.snapshotType],
        ['frequency', c.frequency],
      ]);
      line('mongodbatlas_backup_snapshots', `${b},${extra}`, c.count);
    }
  });

  for (const [suffix, help, value] of CLUSTER_GAUGES) {
    const name = `mongodbatlas_backup_${suffix}`;
    family(name, help);
    await eachCluster((r, b) => {
      const v = value(r, r.summary);
      if (v !== undefined) line(name, b, v);
    });
  }

  if (snapshotDetails) {
    const snapshotsOf = (r: ClusterRecord) => (r.summary?.snapshots ?? []).filter((x) => x.id !== undefined);
    family('mongodbatlas_backup_snapshot_info', 'One backup snapshot.');
    await eachCluster((r, b) => {
      for (const x of snapshotsOf(r)) {
        const extra = labelText([
          ['snapshot_id', x.id ?? ''],
          ['status', x.status],
          ['snapshot_type', x.snapshotType],
          ['frequency', x.frequency],
          ['mongodb_version', x.mongodbVersion ?? ''],
        ]);
        line('mongodbatlas_backup_snapshot_info', `${b},${extra}`, 1);
      }
    });
    for (const [suffix, help, value] of SNAPSHOT_GAUGES) {
      const name = `mongodbatlas_backup_${suffix}`;
      family(name, help);
      await eachCluster((r, b) => {
        for (const x of snapshotsOf(r)) {
          const v = value(x);
          if (v !== undefined) line(name, `${b},${labelText([['snapshot_id', x.id ?? '']])}`, v);
        }
      });
    }
  }
  const ages: Array<readonly [string, number]> = [];
  clusters.forEach((r, i) => {
    const t = r.summary?.lastCompletedTime;
    if (t !== undefined) ages.push([base[i] ?? '', t]);
  });
  cut();
  return { chunks, ages };
}
