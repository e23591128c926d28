import { type ClusterBasics, clusterBasics } from '../../resources/cluster.js';
import { bool, defined, sub, text } from '../../resources/lenient.js';

export interface ServerlessInstance extends ClusterBasics {
  provider?: string;
  region?: string;
  /** serverlessBackupOptions.serverlessContinuousBackupEnabled */
  continuousBackupEnabled?: boolean;
}

export function parseServerlessInstance(item: unknown): ServerlessInstance | undefined {
  const basics = clusterBasics(item);
  if (basics === undefined) return undefined;
  const { raw, ...known } = basics;
  const provider = sub(raw.providerSettings);
  return defined<ServerlessInstance>({
    ...known,
    provider: text(provider.backingProviderName),
    region: text(provider.regionName),
    continuousBackupEnabled: bool(sub(raw.serverlessBackupOptions).serverlessContinuousBackupEnabled),
  });
}
