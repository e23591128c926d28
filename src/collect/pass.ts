import type { Logger } from 'pino';
import type { AtlasClient } from '../atlas/api.js';
import type { AnyCollector, AnyOrgCollector, AnyProjectCollector } from '../collectors/collector.js';
import type { ClusterKind } from '../config/kinds.js';
import type { Kind } from '../kinds/kind.js';
import type { ProjectScope } from '../resources/projects/reader.js';
import type { KindEvents } from './change-events.js';
import type { createGate } from './gate.js';
import type { ProblemLog } from './problems.js';
import type { CollectorReads } from './refusals.js';
import type { createRetiredKinds } from './retired.js';
import type { ClusterRecord, CollectorState } from './state.js';

/** The settings one refresh uses. */
export interface RefreshSettings extends ProjectScope {
  readonly clusterKinds: readonly ClusterKind[];
  /** --atlas.cluster-kinds was given: a kind it names is asked even past its sunset */
  readonly clusterKindsNamed: boolean;
  readonly clusterInclude: RegExp | undefined;
  readonly clusterExclude: RegExp | undefined;
  readonly staleAfterMs: number;
  readonly snapshotRecheckIntervalMs: number;
  /** --atlas.events-lookback: how far back project events are read at start */
  readonly eventsLookbackMs: number;
  /** every `--collector.<name>` value, keyed by `<name>` (Settings.collector) */
  readonly collector: Readonly<Record<string, boolean>>;
  /** --atlas.max-concurrency: how many requests the client sends at once */
  readonly maxConcurrency: number;
}

export interface RefreshContext {
  readonly client: AtlasClient;
  /** how each kind's clusters are listed */
  readonly kinds: Readonly<Record<ClusterKind, Kind>>;
  /** the enabled collectors, in read order */
  readonly collectors: readonly AnyCollector[];
  /** the enabled per-project collectors, in read order */
  readonly projectCollectors?: readonly AnyProjectCollector[];
  /** the enabled per-organisation collectors, in read order */
  readonly orgCollectors?: readonly AnyOrgCollector[];
  readonly settings: RefreshSettings;
  readonly logger: Logger;
  readonly problems: ProblemLog;
  readonly now: () => number;
  readonly signal: AbortSignal;
}

/**
 * One refresh under way: what it reads from (the context, the last state) and the one map it
 * fills (its clusters). Every step of the refresh is a function of it; none keeps state of its own.
 */
export interface Pass {
  readonly ctx: RefreshContext;
  readonly prev: CollectorState;
  /** the last state's clusters per project and kind (`groupId/kind`) */
  readonly previousByScope: ReadonlyMap<string, readonly ClusterRecord[]>;
  readonly events: Readonly<Record<ClusterKind, KindEvents>>;
  readonly retired: ReturnType<typeof createRetiredKinds>;
  /** the role-gated reads of the collectors that are not core */
  readonly reads: CollectorReads;
  /** bounds the cluster reads in flight */
  readonly inTurn: ReturnType<typeof createGate>;
  readonly clusters: Map<string, ClusterRecord>;
}

/** A cluster read on this refresh: current (read, or known unchanged), failed, or not ours now. */
export type ClusterOutcome = 'current' | 'failed' | 'skipped';

export function reportRetired(ctx: RefreshContext, kind: ClusterKind, why: string): void {
  // The advice keeps every other kind asked for: a bare "flex" would drop dedicated clusters.
  const others = ctx.settings.clusterKinds.filter((k) => k !== kind).join(',') || 'flex';
  ctx.problems.report(
    `${kind}-retired`,
    `Atlas retired the ${kind} endpoints; set --atlas.cluster-kinds=${others} to stop asking`,
    new Error(why),
  );
}
