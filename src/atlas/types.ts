/**
 * The fields of Atlas payloads we use, as the lenient parsers in schemas.ts produce them.
 * Timestamps are Unix seconds; a field Atlas did not send (or sent unparsable) is undefined.
 * Enum values are kept as Atlas sent them: they are open sets.
 */

export interface Group {
  id: string;
  name: string;
  orgId: string;
}

/** What every cluster API names alike. */
export interface ClusterBasics {
  name: string;
  groupId: string;
  createDate?: number;
  stateName?: string;
  mongoDBVersion?: string;
}

export interface FlexCluster extends ClusterBasics {
  /** providerSettings.backingProviderName */
  provider?: string;
  /** providerSettings.regionName */
  region?: string;
  /** backupSettings.enabled; Atlas defaults it to true */
  backupEnabled: boolean;
  /** clusterType, e.g. REPLICASET */
  clusterType?: string;
}

export interface ServerlessInstance extends ClusterBasics {
  provider?: string;
  region?: string;
  /** serverlessBackupOptions.serverlessContinuousBackupEnabled */
  continuousBackupEnabled?: boolean;
}

/** A Flex snapshot (FlexBackupSnapshot20241113). Flex reports no size, type or frequency. */
export interface FlexSnapshot {
  id?: string;
  status?: string;
  scheduledTime?: number;
  startTime?: number;
  finishTime?: number;
  expiration?: number;
  mongoDBVersion?: string;
}

/**
 * A serverless (ServerlessBackupSnapshot) or dedicated snapshot (DiskBackupReplicaSet,
 * DiskBackupShardedClusterSnapshot): the fields we use are the same in all three.
 */
export interface CloudSnapshot {
  id?: string;
  status?: string;
  createdAt?: number;
  expiresAt?: number;
  frequencyType?: string;
  snapshotType?: string;
  mongodVersion?: string;
  storageSizeBytes?: number;
}

/** A cluster of the Cluster API (ClusterDescription20240805): dedicated, free (M0) or Flex. */
export interface AtlasCluster extends ClusterBasics {
  /** REPLICASET, SHARDED, GEOSHARDED */
  clusterType?: string;
  /** providerName, regionName and electableSpecs.instanceSize of the first shard's first region */
  provider?: string;
  region?: string;
  instanceSize?: string;
  /** some region runs on AWS, AZURE or GCP: neither a free (TENANT) nor a Flex cluster */
  dedicated: boolean;
  backupEnabled: boolean;
  pitEnabled: boolean;
  paused: boolean;
}

/** One item of a backup policy (DiskBackupApiPolicyItem). */
export interface PolicyItem {
  /** hourly, daily, weekly, monthly, yearly, ondemand (open set) */
  frequencyType: string;
  frequencyInterval?: number;
}

/** A cluster's backup schedule (DiskBackupSnapshotSchedule20240805), the fields we use. */
export interface BackupSchedule {
  /** the items of every policy (Atlas allows one) */
  policyItems: PolicyItem[];
  /** absent when the policy has no items */
  nextSnapshot?: number;
}

/** One page of a paged list: the items that parsed, how many did not, and the paging facts. */
export interface Page<T> {
  items: T[];
  /** raw results that were not objects or lacked an identity field and were skipped */
  skipped: number;
  totalCount?: number;
  nextHref?: string;
}
