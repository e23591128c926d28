import { type ClusterBasics, clusterBasics } from '../cluster.js';
import { bool, defined, isObject, sub, text, unixSeconds } from '../lenient.js';

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

export function parseFlexCluster(item: unknown): FlexCluster | undefined {
  const basics = clusterBasics(item);
  if (basics === undefined) return undefined;
  const { raw, ...known } = basics;
  const provider = sub(raw.providerSettings);
  return defined<FlexCluster>({
    ...known,
    provider: text(provider.backingProviderName),
    region: text(provider.regionName),
    // The spec's default: Flex backups cannot be turned off.
    backupEnabled: bool(sub(raw.backupSettings).enabled) ?? true,
    clusterType: text(raw.clusterType),
  });
}

export function parseFlexSnapshot(raw: unknown): FlexSnapshot | undefined {
  if (!isObject(raw)) return undefined;
  return defined<FlexSnapshot>({
    id: text(raw.id),
    status: text(raw.status),
    scheduledTime: unixSeconds(raw.scheduledTime),
    startTime: unixSeconds(raw.startTime),
    finishTime: unixSeconds(raw.finishTime),
    expiration: unixSeconds(raw.expiration),
    mongoDBVersion: text(raw.mongoDBVersion),
  });
}
