#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { readBuildInfo, versionText } from './build-info.js';
import type { Config } from './config/config.js';
import { describeConfig } from './config/describe.js';
import { helpText } from './config/help.js';
import { parseConfig } from './config/parse.js';
import type { Exporter, ExporterDeps } from './exporter.js';
import { runHealthcheckCommand } from './healthcheck/command.js';
import { type LoadedWebConfig, loadWebConfig } from './http/web-config.js';
import { loadSimulator } from './simulator-port.js';

const SHUTDOWN_LIMIT_MS = 10_000;

function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
}

async function atlasTarget(config: Config, logger: Logger) {
  if (!config.demo) {
    return {
      baseUrl: config.atlas.baseUrl,
      credentials: config.credentials,
      proxy: config.atlas.proxy,
      close: async () => {},
    };
  }
  // Atlas's observed bucket (1200 requests) so the rate-limit gauge has data, and a few server
  // errors, retried away, so the retry panels do too; no 429s, which would page the demo's user.
  const { startSimulator } = await loadSimulator();
  const simulator = await startSimulator({
    rateLimit: { capacity: 1200, refillMs: 60_000 },
    faultRate: 0.03,
    faultStatuses: [500, 502, 503],
  });
  logger.info({ url: simulator.url }, 'demo: reading the built-in Atlas simulator');
  // A newcomer's first run should not look broken: say up front which warnings are staged.
  const { groupName } = simulator.roles.unreadableProject;
  logger.info(
    { group_name: groupName },
    `demo: project ${groupName} is unreadable on purpose, to show a project without access; the WARN lines about it are part of the demo`,
  );
  const { clientId, clientSecret } = simulator.credentials.serviceAccount;
  return {
    baseUrl: simulator.url,
    credentials: { kind: 'service-account', clientId, clientSecret } as const,
    close: () => simulator.close(),
  };
}

type StartWeb = ExporterDeps['webConfig'];
type StartCheck = { kind: 'ok'; web: StartWeb } | { kind: 'error'; errors: string[] };

/**
 * What a start validates beyond flags and environment: the web config file's contents. A start
 * and --config.check both run exactly this, so a check never approves what a start refuses.
 */
function checkStart(config: Config): StartCheck {
  if (config.web.configFile === undefined) return { kind: 'ok', web: undefined };
  const path = config.web.configFile;
  const web: LoadedWebConfig = loadWebConfig(path, readFileSync);
  return web.kind === 'error' ? web : { kind: 'ok', web: { path, ...web } };
}

async function run(config: Config, web: StartWeb, warnings: readonly string[]): Promise<number> {
  // Loaded only to run: a health probe every few seconds, --help and --version stay light.
  const [{ createLogger }, { startExporter }] = await Promise.all([
    import('./logger.js'),
    import('./exporter.js'),
  ]);
  const logger = createLogger(config.log);
  for (const warning of warnings) logger.warn(warning);
  process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'));
  const build = readBuildInfo();
  const target = await atlasTarget(config, logger);
  let exporter: Exporter;
  try {
    exporter = await startExporter({
      config,
      describedConfig: describeConfig(config, target.baseUrl),
      logger,
      build,
      atlas: target,
      ...(web ? { webConfig: web } : {}),
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'EADDRINUSE' ? 'the address is already in use' : (err as Error).message;
    process.stderr.write(`cannot listen on ${config.web.listenAddress}: ${reason}\n`);
    await target.close();
    return 1;
  }
  logger.info({ address: config.web.listenAddress, url: exporter.url, version: build.version }, 'listening');

  const signal = await waitForSignal();
  logger.info({ signal }, 'shutting down');
  const limit = setTimeout(() => {
    logger.error('shutdown took longer than 10s; exiting');
    process.exit(1);
  }, SHUTDOWN_LIMIT_MS);
  limit.unref();
  await exporter.close();
  await target.close();
  return 0;
}

/** Bad flags, environment or config: one line per problem, exit 2. */
function refuse(errors: readonly string[]): number {
  for (const line of errors) process.stderr.write(`${line}\n`);
  return 2;
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'simulate') return (await loadSimulator()).runSimulateCommand(argv.slice(1));
  if (argv[0] === 'healthcheck')
    return runHealthcheckCommand(argv.slice(1), process.env, process.argv[1] ?? '');
  const parsed = parseConfig(argv, process.env, (path) => readFileSync(path, 'utf8'));
  switch (parsed.kind) {
    case 'help':
      process.stdout.write(helpText((await loadSimulator()).SIMULATE_FLAGS));
      return 0;
    case 'version':
      process.stdout.write(versionText(readBuildInfo(), process));
      return 0;
    case 'error':
      return refuse(parsed.errors);
    case 'check':
    case 'run': {
      const start = checkStart(parsed.config);
      if (start.kind === 'error') return refuse(start.errors);
      if (parsed.kind === 'run') return run(parsed.config, start.web, parsed.warnings);
      for (const warning of parsed.warnings) process.stderr.write(`${warning}\n`);
      process.stdout.write(`${JSON.stringify(describeConfig(parsed.config), null, 2)}\n`);
      return 0;
    }
  }
}

process.exit(await main(process.argv.slice(2)));
