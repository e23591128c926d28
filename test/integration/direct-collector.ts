import { pino } from 'pino';
import type { Simulator } from '../../simulator/index.js';
import type { AtlasClient } from '../../src/atlas/api.js';
import { createAtlasClient } from '../../src/atlas/client.js';
import { recordingObserver } from '../../src/atlas/test-helpers.js';
import { createCollector } from '../../src/collect/collector.js';
import type { AnyCollector } from '../../src/collectors/collector.js';
import { DEFAULT_COLLECTORS } from '../../src/collectors/test-readings.js';
import { parseConfig } from '../../src/config/parse.js';
import { KINDS } from '../../src/kinds/index.js';

/**
 * The collector alone on the simulator, configured from these flags with its service account,
 * its client silent and never retrying: for tests that watch how one refresh reads, with
 * `collectors` or `client` wrapped to count.
 */
export function directCollector(
  sim: Simulator,
  args: readonly string[] = [],
  wrap: { collectors?: readonly AnyCollector[]; client?: (client: AtlasClient) => AtlasClient } = {},
) {
  const parsed = parseConfig(
    [`--atlas.base-url=${sim.url}`, ...args],
    {
      MONGODB_ATLAS_CLIENT_ID: sim.credentials.serviceAccount.clientId,
      MONGODB_ATLAS_CLIENT_SECRET: sim.credentials.serviceAccount.clientSecret,
    },
    () => '',
  );
  if (parsed.kind !== 'run' || !parsed.config.credentials) throw new Error(JSON.stringify(parsed));
  const { config } = parsed;
  const logger = pino({ level: 'silent' });
  const client = createAtlasClient({
    baseUrl: sim.url,
    credentials: config.credentials,
    requestTimeoutMs: config.atlas.requestTimeoutMs,
    maxRetries: 0,
    observer: recordingObserver().observer,
    maxConcurrency: config.atlas.maxConcurrency,
    logger,
    userAgent: 'test',
    now: Date.now,
  });
  const collector = createCollector({
    client: wrap.client ? wrap.client(client) : client,
    kinds: KINDS,
    collectors: wrap.collectors ?? DEFAULT_COLLECTORS,
    settings: { ...config.atlas, collector: {}, shard: config.shard },
    logger,
    now: Date.now,
  });
  return {
    collector,
    async close() {
      await collector.stop();
      await client.close();
    },
  };
}
