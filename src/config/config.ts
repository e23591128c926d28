import type { Credentials, EgressProxy } from '../atlas/api.js';
import type { ClusterKind } from './kinds.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFormat = 'json' | 'logfmt';
export type RefreshMode = 'on-scrape' | 'background';

/** Which part of the projects this exporter reads: `--shard.index` of `--shard.total`. */
export interface Shard {
  readonly index: number;
  readonly total: number;
}

/** Everything but where Atlas is read from. */
export interface Settings {
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
    /** whether --atlas.cluster-kinds (or its variable) was given rather than left at its default */
    readonly clusterKindsNamed: boolean;
    readonly clusterInclude: RegExp | undefined;
    readonly clusterExclude: RegExp | undefined;
    readonly cacheTtlMs: number;
    readonly refreshMode: RefreshMode;
    readonly maxConcurrency: number;
    readonly requestTimeoutMs: number;
    readonly maxRetries: number;
    readonly staleAfterMs: number;
    readonly snapshotRecheckIntervalMs: number;
    /** --atlas.tag-labels: the tag keys exported as labels, `*` for all; empty: no label series */
    readonly tagLabels: readonly string[];
    /** how far back project events are read at start */
    readonly eventsLookbackMs: number;
    /** the proxy for `baseUrl`, from HTTPS_PROXY / HTTP_PROXY and NO_PROXY */
    readonly proxy: EgressProxy | undefined;
    /** NODE_EXTRA_CA_CERTS as Node read it at start, shown with the config */
    readonly extraCaCerts: string | undefined;
  };
  /** every `--collector.<name>` flag's value, keyed by `<name>`, in flag order (collectors/index.ts) */
  readonly collector: Readonly<Record<string, boolean>>;
  readonly shard: Shard;
}

/**
 * The validated, frozen configuration: only parseConfig produces one. Either the demo, which
 * reads the built-in simulator with its own credentials, or Atlas with ours.
 */
export type Config = Settings &
  (
    | { readonly demo: true; readonly credentials: undefined }
    | { readonly demo: false; readonly credentials: Credentials }
  );
