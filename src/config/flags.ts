import { collectorFlags } from '../collectors/collector.js';
import { COLLECTORS, ORG_COLLECTORS, PROJECT_COLLECTORS } from '../collectors/index.js';
import { SUPPORTED_CLUSTER_KINDS } from './kinds.js';

/** `list` flags may repeat and take comma-separated values; the others are given at most once. */
export type FlagType = 'string' | 'boolean' | 'list';

export interface FlagSpec {
  readonly name: string;
  readonly type: FlagType;
  /** the default as a user would type it; undefined = none */
  readonly default?: string;
  /** what the value looks like in the help text */
  readonly placeholder?: string;
  readonly help: string;
  /** variables read after ATLAS_EXPORTER_…, for users coming from the Atlas CLI and Terraform */
  readonly envAliases?: readonly string[];
  /** a boolean that --demo turns on unless it is set */
  readonly onInDemo?: boolean;
}

/** The flags of the exporter itself, in help-text order; the collectors' come after `atlas.*`. */
const CORE_FLAGS = [
  {
    name: 'web.listen-address',
    type: 'string',
    default: ':10025',
    placeholder: 'ADDRESS',
    help: 'Where to serve: [host]:port, e.g. :10025, 127.0.0.1:9000 or [::1]:9000.',
  },
  {
    name: 'web.telemetry-path',
    type: 'string',
    default: '/metrics',
    placeholder: 'PATH',
    help: 'Path of the metrics.',
  },
  {
    name: 'web.config.file',
    type: 'string',
    placeholder: 'FILE',
    help: 'Prometheus exporter-toolkit web config (TLS, client certificates, basic auth, headers, rate limit), reread as it changes.',
  },
  {
    name: 'log.level',
    type: 'string',
    default: 'info',
    placeholder: 'LEVEL',
    help: 'debug, info, warn or error.',
  },
  { name: 'log.format', type: 'string', default: 'json', placeholder: 'FORMAT', help: 'json or logfmt.' },
  {
    name: 'atlas.base-url',
    type: 'string',
    default: 'https://cloud.mongodb.com',
    placeholder: 'URL',
    help: 'Atlas API base URL; Atlas for Government is https://cloud.mongodbgov.com.',
    envAliases: ['MONGODB_ATLAS_BASE_URL'],
  },
  {
    name: 'atlas.org-id',
    type: 'string',
    placeholder: 'ID',
    help: 'Read the projects of this organisation (ignored when --atlas.project-id is given).',
    envAliases: ['MONGODB_ATLAS_ORG_ID'],
  },
  {
    name: 'atlas.project-id',
    type: 'list',
    placeholder: 'ID',
    help: 'Repeatable or comma-separated: a fixed project list, no discovery.',
    envAliases: ['MONGODB_ATLAS_PROJECT_IDS'],
  },
  {
    name: 'atlas.cluster-kinds',
    type: 'string',
    default: SUPPORTED_CLUSTER_KINDS.join(','),
    placeholder: 'KINDS',
    help: `Comma-separated kinds of cluster to read: ${SUPPORTED_CLUSTER_KINDS.join(', ')}.`,
  },
  {
    name: 'atlas.cluster-include',
    type: 'string',
    placeholder: 'REGEX',
    help: 'Read only clusters whose whole name matches (anchored, like Prometheus).',
  },
  {
    name: 'atlas.cluster-exclude',
    type: 'string',
    placeholder: 'REGEX',
    help: 'Skip clusters whose whole name matches (anchored, like Prometheus).',
  },
  {
    name: 'atlas.cache-ttl',
    type: 'string',
    default: '5m',
    placeholder: 'DURATION',
    help: 'A scrape serves cached data younger than this, else triggers a refresh.',
  },
  {
    name: 'atlas.refresh-mode',
    type: 'string',
    default: 'on-scrape',
    placeholder: 'MODE',
    help: 'on-scrape, or background (refresh every cache-ttl whether scraped or not).',
  },
  {
    name: 'atlas.max-concurrency',
    type: 'string',
    default: '4',
    placeholder: 'N',
    help: 'Atlas requests in flight at once (1-64).',
  },
  {
    name: 'atlas.request-timeout',
    type: 'string',
    default: '30s',
    placeholder: 'DURATION',
    help: 'Timeout of one Atlas request, retries excluded.',
  },
  {
    name: 'atlas.max-retries',
    type: 'string',
    default: '3',
    placeholder: 'N',
    help: 'Retries per request for 429, 5xx, timeouts and resets (0-10).',
  },
  {
    name: 'atlas.stale-after',
    type: 'string',
    default: '1h',
    placeholder: 'DURATION',
    help: 'Drop a cluster from /metrics when it could not be read for this long (at least cache-ttl).',
  },
  {
    name: 'atlas.snapshot-recheck-interval',
    type: 'string',
    default: '1h',
    placeholder: 'DURATION',
    help: "Read a cluster's snapshot list again at least this often even when nothing can have changed; 0s reads every list on every refresh.",
  },
  {
    name: 'atlas.tag-labels',
    type: 'list',
    placeholder: 'KEYS',
    help: 'Comma-separated Atlas tag keys exported as tag_* labels on cluster_labels and project_labels; * exports every key.',
  },
  {
    name: 'atlas.events-lookback',
    type: 'string',
    default: '7d',
    placeholder: 'DURATION',
    help: 'How far back project events are read at start, so a restart loses no backup event; later refreshes read only what is new.',
  },
  {
    name: 'shard.index',
    type: 'string',
    default: '0',
    placeholder: 'N',
    help: 'Read only the projects that hash to this shard, 0 to --shard.total - 1.',
  },
  {
    name: 'shard.total',
    type: 'string',
    default: '1',
    placeholder: 'N',
    help: 'Exporters sharing the projects: jump(fnv1a64(group_id), total) == index.',
  },
  {
    name: 'config.check',
    type: 'boolean',
    default: 'false',
    help: 'Validate flags and environment, print the effective config (secrets masked), exit.',
  },
  {
    name: 'demo',
    type: 'boolean',
    default: 'false',
    help: 'Start the built-in Atlas simulator on loopback and read from it; no credentials needed.',
  },
] as const satisfies readonly FlagSpec[];

/** What `--collector.<name>` flags are: a collector's switch or one of its options. */
export const COLLECTOR_PREFIX = 'collector.';

/** The collectors' flags (collectors/index.ts), generated: `--collector.<name>`, a boolean. */
export const COLLECTOR_FLAGS: readonly FlagSpec[] = collectorFlags([
  ...COLLECTORS,
  ...PROJECT_COLLECTORS,
  ...ORG_COLLECTORS,
]).map((f) => ({
  name: `${COLLECTOR_PREFIX}${f.name}`,
  type: 'boolean',
  default: String(f.default),
  help: f.help,
  ...(f.onInDemo ? { onInDemo: true } : {}),
}));

const split = CORE_FLAGS.findIndex((f) => f.name === 'shard.index');

/** Every flag, in help-text order. The contract's "Command line" table is the source of truth. */
export const FLAGS: readonly FlagSpec[] = [
  ...CORE_FLAGS.slice(0, split),
  ...COLLECTOR_FLAGS,
  ...CORE_FLAGS.slice(split),
];

export type FlagName = (typeof CORE_FLAGS)[number]['name'] | `${typeof COLLECTOR_PREFIX}${string}`;

const BY_NAME: ReadonlyMap<string, FlagSpec> = new Map(FLAGS.map((f) => [f.name, f]));

/** The spec of a flag name (without `--`), if it is one of ours. */
export function flagSpec(name: string): FlagSpec | undefined {
  return BY_NAME.get(name);
}

/** What every flag's variable starts with. */
export const ENV_PREFIX = 'ATLAS_EXPORTER_';

/**
 * The `healthcheck` subcommand's own variables: a container's probe shares the exporter's
 * environment, so the exporter must not warn about them as typos.
 */
export const HEALTHCHECK_USERNAME = `${ENV_PREFIX}HEALTHCHECK_USERNAME`;
export const HEALTHCHECK_PASSWORD = `${ENV_PREFIX}HEALTHCHECK_PASSWORD`;
export const HEALTHCHECK_VARIABLES = [
  HEALTHCHECK_USERNAME,
  HEALTHCHECK_PASSWORD,
  `${HEALTHCHECK_PASSWORD}_FILE`,
];

/** `--atlas.cache-ttl` → `ATLAS_EXPORTER_ATLAS_CACHE_TTL`. */
export function envName(flag: string): string {
  return `${ENV_PREFIX}${flag.toUpperCase().replace(/[.-]/g, '_')}`;
}
