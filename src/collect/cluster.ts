import type { AtlasCluster, ClusterBasics, FlexCluster, Group, ServerlessInstance } from '../atlas/types.js';
import type { ClusterKind } from '../config.js';
import type { ScheduleFacts } from './schedule.js';

/** The descriptive facts of one cluster: the labels of mongodbatlas_backup_cluster_info and more. */
export interface ClusterInfo {
  groupId: string;
  groupName: string;
  name: string;
  kind: ClusterKind;
  state: string;
  provider: string;
  region: string;
  mongodbVersion: string;
  tier: string;
  topology: string;
  backupEnabled: boolean;
  pitEnabled: boolean;
  paused: boolean;
  createdAt: number | undefined;
  /** how often Atlas should take a snapshot, in seconds */
  expectedIntervalSeconds: number | undefined;
  /** dedicated only: when the schedule says the next snapshot is due, Unix seconds */
  nextScheduledSnapshot: number | undefined;
}

/** Flex takes one snapshot a day (Atlas docs, "Flex Cluster Backups"). */
export const FLEX_INTERVAL_SECONDS = 86_400;
/** Serverless instances were snapshotted every 6 hours. */
export const SERVERLESS_INTERVAL_SECONDS = 21_600;

/** A stable identity: a migrated instance can exist as serverless and Flex under one name. */
export function clusterKey(groupId: string, kind: ClusterKind, name: string): string {
  return `${groupId}/${kind}/${name}`;
}

const lower = (value: string | undefined) => (value ?? '').toLowerCase();

type Described = ClusterBasics & { provider?: string; region?: string };

/** The descriptive labels every kind fills the same way. */
function described(group: Group, c: Described, kind: ClusterKind) {
  return {
    groupId: group.id,
    groupName: group.name,
    name: c.name,
    kind,
    state: c.stateName ?? '',
    provider: c.provider ?? '',
    region: c.region ?? '',
    mongodbVersion: c.mongoDBVersion ?? '',
    createdAt: c.createDate,
  };
}

export function fromFlexCluster(group: Group, c: FlexCluster): ClusterInfo {
  return {
    ...described(group, c, 'flex'),
    tier: 'FLEX',
    topology: lower(c.clusterType ?? 'REPLICASET'),
    backupEnabled: c.backupEnabled,
    pitEnabled: false,
    paused: false,
    expectedIntervalSeconds: FLEX_INTERVAL_SECONDS,
    nextScheduledSnapshot: undefined,
  };
}

/** Serverless backup cannot be disabled; continuous backup is what gives point-in-time restore. */
export function fromServerlessInstance(group: Group, s: ServerlessInstance): ClusterInfo {
  return {
    ...described(group, s, 'serverless'),
    tier: 'SERVERLESS',
    topology: 'replicaset',
    backupEnabled: true,
    pitEnabled: s.continuousBackupEnabled ?? false,
    paused: false,
    expectedIntervalSeconds: SERVERLESS_INTERVAL_SECONDS,
    nextScheduledSnapshot: undefined,
  };
}

/** A dedicated cluster as listed; its interval comes from its schedule (withSchedule). */
export function fromAtlasCluster(group: Group, c: AtlasCluster): ClusterInfo {
  return {
    ...described(group, c, 'dedicated'),
    tier: c.instanceSize ?? '',
    topology: lower(c.clusterType ?? 'REPLICASET'),
    backupEnabled: c.backupEnabled,
    pitEnabled: c.pitEnabled,
    paused: c.paused,
    expectedIntervalSeconds: undefined,
    nextScheduledSnapshot: undefined,
  };
}

/**
 * A dedicated cluster's info with its schedule's facts. Paused clusters and clusters without
 * backup expect no snapshot, whatever an older schedule said, so no overdue alert can fire.
 */
export function withSchedule(info: ClusterInfo, schedule: ScheduleFacts | undefined): ClusterInfo {
  if (info.kind !== 'dedicated') return info;
  const expects = info.backupEnabled && !info.paused;
  return {
    ...info,
    expectedIntervalSeconds: expects ? schedule?.expectedIntervalSeconds : undefined,
    nextScheduledSnapshot: expects ? schedule?.nextSnapshot : undefined,
  };
}
