import type { FlexCluster, Group, ServerlessInstance } from '../atlas/types.js';
import type { ClusterKind } from '../config.js';

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

export function fromFlexCluster(group: Group, c: FlexCluster): ClusterInfo {
  return {
    groupId: group.id,
    groupName: group.name,
    name: c.name,
    kind: 'flex',
    state: c.stateName ?? '',
    provider: c.provider ?? '',
    region: c.region ?? '',
    mongodbVersion: c.mongoDBVersion ?? '',
    tier: 'FLEX',
    topology: lower(c.clusterType ?? 'REPLICASET'),
    backupEnabled: c.backupEnabled,
    pitEnabled: false,
    paused: false,
    createdAt: c.createDate,
    expectedIntervalSeconds: FLEX_INTERVAL_SECONDS,
  };
}

/** Serverless backup cannot be disabled; continuous backup is what gives point-in-time restore. */
export function fromServerlessInstance(group: Group, s: ServerlessInstance): ClusterInfo {
  return {
    groupId: group.id,
    groupName: group.name,
    name: s.name,
    kind: 'serverless',
    state: s.stateName ?? '',
    provider: s.provider ?? '',
    region: s.region ?? '',
    mongodbVersion: s.mongoDBVersion ?? '',
    tier: 'SERVERLESS',
    topology: 'replicaset',
    backupEnabled: true,
    pitEnabled: s.continuousBackupEnabled ?? false,
    paused: false,
    createdAt: s.createDate,
    expectedIntervalSeconds: SERVERLESS_INTERVAL_SECONDS,
  };
}
