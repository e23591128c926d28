import type { Gauge } from 'prom-client';
import type { ClusterRecord, CollectorState } from '../collect/state.js';
import type { Catalog } from './catalog.js';

type BaseLabels = { group_id: string; cluster_name: string; cluster_kind: string };

const flag = (value: boolean) => (value ? 'true' : 'false');
const seconds = (ms: number) => ms / 1000;

function setIfDefined<L extends string>(
  g: Gauge<L>,
  labels: Record<L, string>,
  value: number | undefined,
): void {
  if (value !== undefined) g.set(labels, value);
}

function byKey<T>(map: ReadonlyMap<string, T>): T[] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
}

function fillCluster(catalog: Catalog, record: ClusterRecord, nowMs: number): void {
  const { backup, details } = catalog;
  const { info, summary } = record;
  const base: BaseLabels = { group_id: info.groupId, cluster_name: info.name, cluster_kind: info.kind };
  backup.clusterInfo.set(
    {
      ...base,
      group_name: info.groupName,
      state: info.state,
      provider: info.provider,
      region: info.region,
      mongodb_version: info.mongodbVersion,
      tier: info.tier,
      topology: info.topology,
      backup_enabled: flag(info.backupEnabled),
      pit_enabled: flag(info.pitEnabled),
      paused: flag(info.paused),
    },
    1,
  );
  setIfDefined(backup.clusterCreated, base, info.createdAt);
  setIfDefined(backup.expectedInterval, base, info.expectedIntervalSeconds);
  setIfDefined(backup.nextScheduled, base, info.nextScheduledSnapshot);
  backup.collectSuccess.set(base, record.collectSuccess ? 1 : 0);
  if (record.lastSuccessMs !== undefined) backup.lastCollectSuccess.set(base, seconds(record.lastSuccessMs));
  if (!summary) return;

  for (const c of summary.counts) {
    backup.snapshots.set(
      { ...base, status: c.status, snapshot_type: c.snapshotType, frequency: c.frequency },
      c.count,
    );
  }
  setIfDefined(backup.storageBytes, base, summary.storageBytes);
  setIfDefined(backup.lastCompleted, base, summary.lastCompletedTime);
  if (summary.lastCompletedTime !== undefined) {
    backup.lastCompletedAge.set(base, Math.max(0, seconds(nowMs) - summary.lastCompletedTime));
  }
  setIfDefined(backup.lastCompletedStorage, base, summary.lastCompletedStorageBytes);
  setIfDefined(backup.oldestCompleted, base, summary.oldestCompletedTime);
  setIfDefined(backup.lastFailed, base, summary.lastFailedTime);
  setIfDefined(backup.oldestUnfinished, base, summary.oldestUnfinishedTime);
  setIfDefined(backup.nextExpiry, base, summary.nextExpiry);

  if (!details || !summary.snapshots) return;
  for (const s of summary.snapshots) {
    if (s.id === undefined) continue;
    const labels = { ...base, snapshot_id: s.id };
    details.info.set(
      {
        ...labels,
        status: s.status,
        snapshot_type: s.snapshotType,
        frequency: s.frequency,
        mongodb_version: s.mongodbVersion ?? '',
      },
      1,
    );
    setIfDefined(details.time, labels, s.time);
    setIfDefined(details.expiry, labels, s.expiresAt);
    setIfDefined(details.size, labels, s.storageBytes);
  }
}

/**
 * Resets and refills every state-derived series in one synchronous step, so a scrape never sees
 * half a refresh and clusters that are gone leave /metrics at once.
 */
export function fillMetrics(catalog: Catalog, state: CollectorState, nowMs: number): void {
  const { backup, details, exporter } = catalog;
  for (const g of Object.values(backup)) g.reset();
  for (const g of Object.values(details ?? {})) g.reset();
  exporter.projectCollectSuccess.reset();

  for (const project of byKey(state.projects)) {
    const { group } = project;
    backup.projectInfo.set({ group_id: group.id, group_name: group.name, org_id: group.orgId }, 1);
    for (const [kind, listed] of project.listed) {
      exporter.projectCollectSuccess.set({ group_id: group.id, cluster_kind: kind }, listed ? 1 : 0);
    }
  }
  for (const record of byKey(state.clusters)) fillCluster(catalog, record, nowMs);

  exporter.up.set(state.up ? 1 : 0);
  if (state.lastRefreshEndMs !== undefined) exporter.lastRefresh.set(seconds(state.lastRefreshEndMs));
  if (state.lastRefreshDurationMs !== undefined)
    exporter.refreshDuration.set(seconds(state.lastRefreshDurationMs));
  if (state.dataTimeMs !== undefined) exporter.dataAge.set(Math.max(0, seconds(nowMs - state.dataTimeMs)));
}
