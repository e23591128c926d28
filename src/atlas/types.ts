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

export interface FlexCluster {
  name: string;
  groupId: string;
  createDate?: number;
  stateName?: string;
  mongoDBVersion?: string;
  /** providerSettings.backingProviderName */
  provider?: string;
  /** providerSettings.regionName */
  region?: string;
  /** backupSettings.enabled; Atlas defaults it to true */
  backupEnabled: boolean;
  /** clusterType, e.g. REPLICASET */
  clusterType?: string;
}

export interface ServerlessInstance {
  name: string;
  groupId: string;
  createDate?: number;
  stateName?: string;
  mongoDBVersion?: string;
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

/** A serverless snapshot (ServerlessBackupSnapshot). */
export interface ServerlessSnapshot {
  id?: string;
  status?: string;
  createdAt?: number;
  expiresAt?: number;
  frequencyType?: string;
  snapshotType?: string;
  mongodVersion?: string;
  storageSizeBytes?: number;
}

/** One page of a paged list: the items that parsed, how many did not, and the paging facts. */
export interface Page<T> {
  items: T[];
  /** raw results that were not objects or lacked an identity field and were skipped */
  skipped: number;
  totalCount?: number;
  nextHref?: string;
}
