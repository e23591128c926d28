import { parseArgs } from './args.js';
import type { Config, LogFormat, LogLevel, RefreshMode, Settings } from './config.js';
import { errorCode, readCredentials } from './credentials.js';
import { COLLECTOR_PREFIX, FLAGS, type FlagName, type FlagSpec } from './flags.js';
import { deepFreeze } from './freeze.js';
import { proxyFor } from './proxy.js';
import { type Env, envValue, resolveSettings, unknownVariables } from './settings.js';
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
import { settingWarnings } from './warnings.js';

/**
 * What the command line asks for; `error` lists every problem, one line each, and `warnings` what
 * was ignored or is risky (unknown ATLAS_EXPORTER_ variables, settings that undo each other), one
 * line each.
 */
export type ConfigResult =
  | { kind: 'run' | 'check'; config: Config; warnings: readonly string[] }
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'error'; errors: string[] };

// Node turns a timer longer than 2^31-1 ms (~24.8 days) into 1 ms, so timed durations stay below it.
const MAX_TIMER_MS = 24 * 24 * 3_600_000;
// Far more exporters than an organisation has projects would only leave shards empty.
const MAX_SHARDS = 1000;
const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];
const LOG_FORMATS: readonly LogFormat[] = ['json', 'logfmt'];
const REFRESH_MODES: readonly RefreshMode[] = ['on-scrape', 'background'];

/**
 * Turns argv (without the node and script paths) and the environment into a frozen Config.
 * Pure: files are read only through `readFile`; nothing exits or prints.
 */
export function parseConfig(argv: string[], env: Env, readFile: (path: string) => string): ConfigResult {
  const args = parseArgs(argv);
  if (args.help) return { kind: 'help' };
  if (args.version) return { kind: 'version' };
  const settings = resolveSettings(args.values, env);
  const errors = [...args.errors];
  const label = (name: FlagName) => settings.get(name)?.label ?? `--${name}`;
  /** A flag with a default, so it always has a text; every problem is collected and reported. */
  const required = <T>(name: FlagName, check: (text: string) => Check<T>): Check<T> => {
    const text = settings.get(name)?.values[0];
    const result: Check<T> = text === undefined ? { ok: false, problem: 'missing' } : check(text);
    if (!result.ok) errors.push(`${label(name)}: ${result.problem}`);
    return result;
  };
  /** A flag without a default: unset is a valid undefined. */
  const take = <T>(name: FlagName, check: (text: string) => Check<T>): Check<T | undefined> =>
    settings.get(name)?.values[0] === undefined ? { ok: true, value: undefined } : required(name, check);

  const web = {
    listen: required('web.listen-address', (text) => withText(text, listenAddress(text))),
    telemetryPath: required('web.telemetry-path', telemetryPath),
    configFile: take('web.config.file', (file) => readable(file, readFile)),
  };
  const log = {
    level: required('log.level', oneOf(LOG_LEVELS)),
    format: required('log.format', oneOf(LOG_FORMATS)),
  };
  const baseUrlCheck = required('atlas.base-url', baseUrl);
  const proxy = baseUrlCheck.ok ? proxyFor(baseUrlCheck.value, env) : { ok: true as const, value: undefined };
  if (!proxy.ok) errors.push(proxy.problem);
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
  const atlas = {
    baseUrl: baseUrlCheck,
    orgId,
    clusterKinds: required('atlas.cluster-kinds', clusterKinds),
    clusterInclude: take('atlas.cluster-include', anchoredRegex),
    clusterExclude: take('atlas.cluster-exclude', anchoredRegex),
    cacheTtlMs: required('atlas.cache-ttl', duration(1_000, MAX_TIMER_MS)),
    refreshMode: required('atlas.refresh-mode', oneOf(REFRESH_MODES)),
    maxConcurrency: required('atlas.max-concurrency', integer(1, 64)),
    requestTimeoutMs: required('atlas.request-timeout', duration(100, MAX_TIMER_MS)),
    maxRetries: required('atlas.max-retries', integer(0, 10)),
    staleAfterMs: required('atlas.stale-after', duration(1_000)),
  };
  const { cacheTtlMs, staleAfterMs } = atlas;
  if (cacheTtlMs.ok && staleAfterMs.ok && staleAfterMs.value < cacheTtlMs.value) {
    errors.push(
      `${label('atlas.stale-after')}: must be at least ${label('atlas.cache-ttl')}, ` +
        'or clusters would be dropped between two refreshes; raise it or lower the cache TTL',
    );
  }
  const recheck = required('atlas.snapshot-recheck-interval', duration(0));
  const lookback = required('atlas.events-lookback', duration(0));
  const collectorFlags = FLAGS.filter((f) => f.name.startsWith(COLLECTOR_PREFIX));
  const collectorChecks: Record<string, Check<boolean>> = Object.fromEntries(
    collectorFlags.map((f) => [f.name, required(f.name as FlagName, boolean)]),
  );
  const shardTotal = required('shard.total', integer(1, MAX_SHARDS));
  const shardIndex = required('shard.index', integer(0, MAX_SHARDS - 1));
  if (shardTotal.ok && shardIndex.ok && shardIndex.value >= shardTotal.value) {
    errors.push(
      `${label('shard.index')}: ${shardIndex.value} is outside 0..${shardTotal.value - 1} (${label('shard.total')} is ${shardTotal.value}); ` +
        'number the shards from 0',
    );
  }
  const check = required('config.check', boolean);
  const demo = required('demo', boolean);
  // The demo reads from the simulator with its own credentials: ours are not even looked at.
  const creds = demo.ok && demo.value ? undefined : readCredentials(env, readFile);
  if (creds && !creds.ok) errors.push(...creds.errors);

  const w = allValid(web);
  const l = allValid(log);
  const a = allValid(atlas);
  const rest = allValid({ recheck, lookback, shardTotal, shardIndex, check, demo });
  const collector = allValid(collectorChecks);
  if (errors.length > 0 || !w || !l || !a || !rest || !collector || !proxy.ok)
    return { kind: 'error', errors };
  // The demo's credentials have every role, so its panels have data unless told otherwise.
  const isSet = (name: string) => args.values.has(name) || label(name as FlagName) !== `--${name}`;
  const collectorValue = (f: FlagSpec) =>
    (f.onInDemo && rest.demo && !isSet(f.name)) || collector[f.name] === true;
  const settled: Settings = {
    web: {
      listenAddress: w.listen.text,
      host: w.listen.host,
      port: w.listen.port,
      telemetryPath: w.telemetryPath,
      configFile: w.configFile,
    },
    log: l,
    atlas: {
      ...a,
      projectIds,
      clusterKindsNamed: isSet('atlas.cluster-kinds'),
      snapshotRecheckIntervalMs: rest.recheck,
      tagLabels: [...new Set(settings.get('atlas.tag-labels')?.values ?? [])],
      eventsLookbackMs: rest.lookback,
      proxy: proxy.value,
      extraCaCerts: envValue(env, 'NODE_EXTRA_CA_CERTS'),
    },
    collector: Object.fromEntries(
      collectorFlags.map((f) => [f.name.slice(COLLECTOR_PREFIX.length), collectorValue(f)]),
    ),
    shard: { index: rest.shardIndex, total: rest.shardTotal },
  };
  const config: Config = creds?.ok
    ? { ...settled, demo: false, credentials: creds.credentials }
    : { ...settled, demo: true, credentials: undefined };
  const warnings = [...settingWarnings(config.atlas, config.demo, label), ...unknownVariables(env)];
  return { kind: rest.check ? 'check' : 'run', config: deepFreeze(config), warnings };
}

type Valid<T> = { [K in keyof T]: T[K] extends Check<infer V> ? V : never };

/** The values of checks that all passed; undefined when any failed (its problem is reported). */
function allValid<T extends Record<string, Check<unknown>>>(checks: T): Valid<T> | undefined {
  const values: Record<string, unknown> = {};
  for (const [key, check] of Object.entries(checks)) {
    if (!check.ok) return undefined;
    values[key] = check.value;
  }
  return values as Valid<T>;
}

/** A listen address with the text it was given as, which the landing page shows. */
function withText<T>(text: string, check: Check<T>): Check<T & { text: string }> {
  return check.ok ? { ok: true, value: { ...check.value, text } } : check;
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
