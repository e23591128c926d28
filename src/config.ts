import type { Credentials } from './atlas/api.js';
import type { Shard } from './collect/shard.js';
import type { ClusterKind } from './config/kinds.js';

// The parser lives in src/config/; its modules import only types from here, so there is no cycle.
export { describeConfig, SECRET_MASK } from './config/describe.js';
export { formatDuration, parseDuration } from './config/duration.js';
export { helpText } from './config/help.js';
export { type ClusterKind, SUPPORTED_CLUSTER_KINDS } from './config/kinds.js';
export { type ConfigResult, parseConfig } from './config/parse.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFormat = 'json' | 'logfmt';
export type RefreshMode = 'on-scrape' | 'background';

/** The validated, frozen configuration: only parseConfig produces one. */
export interface Config {
  readonly web: {
    /** as given, e.g. `:10025` */
    readonly listenAddress: string;
    /** host to bind; undefined = all interfaces */
    readonly host: string | undefined;
    readonly port: number;
    readonly telemetryPath: string;
    readonly configFile: string | undefined;
  };
  readonly log: { readonly level: LogLevel; readonly format: LogFormat };
  readonly atlas: {
    readonly baseUrl: string;
    readonly orgId: string | undefined;
    readonly projectIds: readonly string[];
    readonly clusterKinds: readonly ClusterKind[];
    readonly clusterInclude: RegExp | undefined;
    readonly clusterExclude: RegExp | undefined;
    readonly cacheTtlMs: number;
    readonly refreshMode: RefreshMode;
    readonly maxConcurrency: number;
    readonly requestTimeoutMs: number;
    readonly maxRetries: number;
    readonly staleAfterMs: number;
    readonly snapshotRecheckIntervalMs: number;
  };
  readonly collector: { readonly snapshotDetails: boolean };
  readonly shard: Shard;
  /** undefined only with `demo` */
  readonly credentials: Credentials | undefined;
  readonly demo: boolean;
}
