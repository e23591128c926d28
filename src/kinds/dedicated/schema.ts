import { type ClusterBasics, clusterBasics } from '../../resources/cluster.js';
import { bool, defined, objects, sub, text } from '../../resources/lenient.js';

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
  retainBackups?: boolean;
  /** NONE, AWS, AZURE, GCP */
  encryptionAtRestProvider?: string;
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
    retainBackups: bool(raw.retainBackups),
    encryptionAtRestProvider: text(raw.encryptionAtRestProvider),
  });
}
