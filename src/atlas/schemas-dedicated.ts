import { bool, clusterBasics, count, defined, isObject, sub, text, unixSeconds } from './schemas.js';
import type { AtlasCluster, BackupSchedule, PolicyItem } from './types.js';

/** The providers of dedicated clusters; TENANT (M0) and FLEX regions take no Cloud Backup. */
const DEDICATED_PROVIDERS = new Set(['AWS', 'AZURE', 'GCP']);

type Obj = Record<string, unknown>;

function objects(value: unknown): Obj[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

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
