import { type ClusterBasics, clusterBasics } from '../cluster.js';
import { bool, count, defined, isObject, type Obj, objects, sub, text, unixSeconds } from '../lenient.js';

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

/** The providers of dedicated clusters; TENANT (M0) and FLEX regions take no Cloud Backup. */
const DEDICATED_PROVIDERS = new Set(['AWS', 'AZURE', 'GCP']);

export function parseAtlasCluster(item: unknown): AtlasCluster | undefined {
  const basics = clusterBasics(item);
  if (basics === undefined) return undefined;
  const { raw, ...known } = basics;
  // One replication spec per shard; asymmetric shards can differ, the first one names the cluster.
  const regions = objects(raw.replicationSpecs).flatMap((spec) => objects(spec.regionConfigs));
  const first = regions[0] ?? {};
  return defined<AtlasCluster>({
    ...known,
    clusterType: text(raw.clusterType),
    provider: text(first.providerName),
    region: text(first.regionName),
    instanceSize: text(sub(first.electableSpecs).instanceSize),
    dedicated: regions.some((r) => DEDICATED_PROVIDERS.has(String(r.providerName))),
    backupEnabled: bool(raw.backupEnabled) ?? false,
    pitEnabled: bool(raw.pitEnabled) ?? false,
    paused: bool(raw.paused) ?? false,
  });
}

function parsePolicyItem(raw: Obj): PolicyItem | undefined {
  const frequencyType = text(raw.frequencyType);
  if (frequencyType === undefined) return undefined;
  return defined<PolicyItem>({ frequencyType, frequencyInterval: count(raw.frequencyInterval) });
}

/** A schedule body; undefined when it is not an object (the caller treats that as malformed). */
export function parseBackupSchedule(raw: unknown): BackupSchedule | undefined {
  if (!isObject(raw)) return undefined;
  const policyItems = objects(raw.policies)
    .flatMap((policy) => objects(policy.policyItems))
    .map(parsePolicyItem)
    .filter((item): item is PolicyItem => item !== undefined);
  return defined<BackupSchedule>({ policyItems, nextSnapshot: unixSeconds(raw.nextSnapshot) });
}
