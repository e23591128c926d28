import type { Config, LogFormat, LogLevel, RefreshMode } from '../config.js';
import { parseArgs } from './args.js';
import { errorCode, readCredentials } from './credentials.js';
import type { FlagName } from './flags.js';
import { deepFreeze } from './freeze.js';
import { helpText } from './help.js';
import { type Env, resolveSettings, unknownVariables } from './settings.js';
import {
  anchoredRegex,
  atlasId,
  baseUrl,
  boolean,
  type Check,
  clusterKinds,
  duration,
  integer,
  listenAddress,
  oneOf,
  telemetryPath,
} from './validate.js';

/**
 * What the command line asks for; `error` lists every problem, one line each, and `warnings` what
 * was ignored (unknown ATLAS_EXPORTER_ variables), one line each.
 */
export type ConfigResult =
  | { kind: 'run' | 'check'; config: Config; warnings: readonly string[] }
  | { kind: 'help'; text: string }
  | { kind: 'version' }
  | { kind: 'error'; errors: string[] };

// Node turns a timer longer than 2^31-1 ms (~24.8 days) into 1 ms, so timed durations stay below it.
const MAX_TIMER_MS = 24 * 24 * 3_600_000;
const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];
const LOG_FORMATS: readonly LogFormat[] = ['json', 'logfmt'];
const REFRESH_MODES: readonly RefreshMode[] = ['on-scrape', 'background'];

/**
 * Turns argv (without the node and script paths) and the environment into a frozen Config.
 * Pure: files are read only through `readFile`; nothing exits or prints.
 */
export function parseConfig(argv: string[], env: Env, readFile: (path: string) => string): ConfigResult {
  const args = parseArgs(argv);
  if (args.help) return { kind: 'help', text: helpText() };
  if (args.version) return { kind: 'version' };
  const settings = resolveSettings(args.values, env);
  const errors = [...args.errors];
  const label = (name: FlagName) => settings.get(name)?.label ?? `--${name}`;
  // Every flag with a default has a text, so undefined from take() means "invalid, reported".
  const take = <T>(name: FlagName, check: (text: string) => Check<T>): T | undefined => {
    const text = settings.get(name)?.values[0];
    if (text === undefined) return undefined;
    const result = check(text);
    if (result.ok) return result.value;
    errors.push(`${label(name)}: ${result.problem}`);
    return undefined;
  };

  const listen = take('web.listen-address', listenAddress);
  const path = take('web.telemetry-path', telemetryPath);
  const configFile = take('web.config.file', (file) => readable(file, readFile));
  const level = take('log.level', oneOf(LOG_LEVELS));
  const format = take('log.format', oneOf(LOG_FORMATS));
  const url = take('atlas.base-url', baseUrl);
  const orgId = take('atlas.org-id', atlasId);
  const projectIds: string[] = [];
  const idTexts = settings.get('atlas.project-id')?.values ?? [];
  // `--atlas.project-id=$UNSET` would otherwise quietly widen the scope to every project.
  if (args.values.has('atlas.project-id') && idTexts.length === 0) {
    errors.push('--atlas.project-id: empty; give a project id or leave the flag out');
  }
  for (const id of idTexts) {
    const result = atlasId(id);
    if (!result.ok) errors.push(`${label('atlas.project-id')}: ${result.problem}`);
    else if (!projectIds.includes(id)) projectIds.push(id);
  }
  const kinds = take('atlas.cluster-kinds', clusterKinds);
  const clusterInclude = take('atlas.cluster-include', anchoredRegex);
  const clusterExclude = take('atlas.cluster-exclude', anchoredRegex);
  const cacheTtlMs = take('atlas.cache-ttl', duration(1_000, MAX_TIMER_MS));
  const refreshMode = take('atlas.refresh-mode', oneOf(REFRESH_MODES));
  const maxConcurrency = take('atlas.max-concurrency', integer(1, 64));
  const requestTimeoutMs = take('atlas.request-timeout', duration(100, MAX_TIMER_MS));
  const maxRetries = take('atlas.max-retries', integer(0, 10));
  const staleAfterMs = take('atlas.stale-after', duration(1_000));
  if (cacheTtlMs !== undefined && staleAfterMs !== undefined && staleAfterMs < cacheTtlMs) {
    errors.push(
      `${label('atlas.stale-after')}: must be at least ${label('atlas.cache-ttl')}, ` +
        'or clusters would be dropped between two refreshes; raise it or lower the cache TTL',
    );
  }
  const recheckMs = take('atlas.snapshot-recheck-interval', duration(0));
  const snapshotDetails = take('collector.snapshot-details', boolean);
  const check = take('config.check', boolean);
  const demo = take('demo', boolean);
  // The demo reads from the simulator with its own credentials: ours are not even looked at.
  const creds = demo ? { credentials: undefined, errors: [] } : readCredentials(env, readFile);
  errors.push(...creds.errors);

  if (errors.length > 0) return { kind: 'error', errors };
  // Past this point every take() succeeded; the fallbacks only satisfy the type checker.
  const config: Config = {
    web: {
      listenAddress: settings.get('web.listen-address')?.values[0] ?? '',
      host: listen?.host,
      port: listen?.port ?? 0,
      telemetryPath: path ?? '',
      configFile,
    },
    log: { level: level ?? 'info', format: format ?? 'json' },
    atlas: {
      baseUrl: url ?? '',
      orgId,
      projectIds,
      clusterKinds: kinds ?? [],
      clusterInclude,
      clusterExclude,
      cacheTtlMs: cacheTtlMs ?? 0,
      refreshMode: refreshMode ?? 'on-scrape',
      maxConcurrency: maxConcurrency ?? 0,
      requestTimeoutMs: requestTimeoutMs ?? 0,
      maxRetries: maxRetries ?? 0,
      staleAfterMs: staleAfterMs ?? 0,
      snapshotRecheckIntervalMs: recheckMs ?? 0,
    },
    collector: { snapshotDetails: snapshotDetails ?? false },
    credentials: creds.credentials,
    demo: demo ?? false,
  };
  return { kind: check ? 'check' : 'run', config: deepFreeze(config), warnings: unknownVariables(env) };
}

/** `--web.config.file` is parsed by the HTTP layer; here we only make sure it can be read. */
function readable(path: string, readFile: (path: string) => string): Check<string> {
  if (path === '')
    return { ok: false, problem: 'empty; give the path of the web config file or leave the flag out' };
  try {
    readFile(path);
    return { ok: true, value: path };
  } catch (err) {
    return {
      ok: false,
      problem: `cannot read "${path}" (${errorCode(err)}); check the path and its permissions`,
    };
  }
}
