import { type ClusterBasics, clusterBasics } from '../../resources/cluster.js';
import { bool, defined, sub, text } from '../../resources/lenient.js';

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
