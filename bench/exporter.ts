import type { SimCredentials } from '../simulator/index.js';
import type { Config } from '../src/config/config.js';
import { parseConfig } from '../src/config/parse.js';
import { type Exporter, startExporter } from '../src/exporter.js';
import { createLogger } from '../src/logger.js';

export interface BenchExporter {
  exporter: Exporter;
  config: Config;
  /** log lines at warn and above */
  warnings: string[];
}

/** The exporter's config as a user would give it: these flags, the credentials in the environment. */
export function benchConfig(
  atlasUrl: string,
  credentials: SimCredentials,
  flags: readonly string[] = [],
): Config {
  const argv = [
    '--web.listen-address=127.0.0.1:0',
    `--atlas.base-url=${atlasUrl}`,
    '--log.level=warn',
    ...flags,
  ];
  const env = {
    MONGODB_ATLAS_CLIENT_ID: credentials.serviceAccount.clientId,
    MONGODB_ATLAS_CLIENT_SECRET: credentials.serviceAccount.clientSecret,
  };
  const parsed = parseConfig(argv, env, () => {
    throw new Error('no config files in the benchmark');
  });
  if (parsed.kind !== 'run') throw new Error(`config: ${JSON.stringify(parsed)}`);
  return parsed.config;
}

/** The real exporter, configured as a user would, in this process; its first refresh starts now. */
export async function startBenchExporter(
  atlasUrl: string,
  credentials: SimCredentials,
  now: () => number,
  flags: readonly string[] = [],
): Promise<BenchExporter> {
  const config = benchConfig(atlasUrl, credentials, flags);
  const warnings: string[] = [];
  const logger = createLogger(config.log, { write: (line: string) => void warnings.push(line) });
  const exporter = await startExporter({
    config,
    describedConfig: {},
    logger,
    build: { version: '0.0.0-bench', revision: 'bench' },
    atlas: {
      baseUrl: config.atlas.baseUrl,
      credentials: config.credentials ?? { kind: 'service-account', clientId: '', clientSecret: '' },
    },
    now,
  });
  return { exporter, config, warnings };
}
