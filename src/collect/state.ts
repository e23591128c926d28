import type { Reading } from '../collectors/collector.js';
import type { ClusterKind } from '../config/kinds.js';
import type { ClusterInfo } from '../resources/cluster.js';
import type { Group } from '../resources/projects/schema.js';
import type { BackupEvents, NewestByType } from './backup-events.js';
import type { Problem } from './problems.js';

export type RefreshResult = 'success' | 'partial' | 'failure';

/** One cluster as last seen; on a failed read its readings are the last good ones. */
export interface ClusterRecord {
  /** as listed, completed by its readings (the schedule's expected interval) */
  readonly info: ClusterInfo;
  /** whether the last refresh read its core lists (snapshots, schedule), or knew them unchanged */
  readonly collectSuccess: boolean;
  /** the last refresh that found this cluster current: read, or carried over unchanged */
  readonly lastSuccessMs: number | undefined;
  /** when its core lists were last read from Atlas (--atlas.snapshot-recheck-interval) */
  readonly lastReadMs: number | undefined;
  readonly firstSeenMs: number;
  readonly error: Problem | undefined;
  /** per enabled collector that applies to it (collectors/index.ts), what it last read */
  readonly readings: ReadonlyMap<string, Reading<unknown>>;
  /** the newest backup event of each type that named this cluster in its project's events */
  readonly backupEvents?: NewestByType;
}

/** A project's cluster list of one kind as Atlas last answered it. */
export interface Listing {
  readonly infos: readonly ClusterInfo[];
  readonly readMs: number;
  /** when it is read again whatever the events say (--atlas.snapshot-recheck-interval) */
  readonly recheckAtMs: number;
}

export interface ProjectRecord {
  readonly group: Group;
  /** per cluster kind: were this project's clusters of that kind listed, or known unchanged, on the last refresh */
  readonly listed: ReadonlyMap<ClusterKind, boolean>;
  /** per cluster kind, the list to use again while the project's events tell of no change to it */
  readonly listings?: ReadonlyMap<ClusterKind, Listing>;
  /** per cluster kind Atlas has retired for this project (410): when it said so, in ms */
  readonly retired?: ReadonlyMap<ClusterKind, number>;
  readonly lastSeenMs: number;
  readonly error: Problem | undefined;
  /** its backup events so far; undefined until they were first read */
  readonly backupEvents?: BackupEvents;
  /** per enabled per-project collector (PROJECT_COLLECTORS), what it last read */
  readonly readings?: ReadonlyMap<string, Reading<unknown>>;
}

/** What one refresh publishes; replaced whole at the end of each refresh, never mutated. */
export interface CollectorState {
  readonly up: boolean;
  readonly projects: ReadonlyMap<string, ProjectRecord>;
  readonly clusters: ReadonlyMap<string, ClusterRecord>;
  readonly lastRefreshEndMs: number | undefined;
  readonly lastRefreshDurationMs: number | undefined;
  readonly lastResult: RefreshResult | undefined;
  /** end of the last refresh that listed projects: the age of what /metrics serves */
  readonly dataTimeMs: number | undefined;
  readonly error: Problem | undefined;
  /** per collector, project and kind, when Atlas last refused its lists (asked again after the recheck interval) */
  readonly refusals?: ReadonlyMap<string, number>;
  /** the kinds Atlas removed past their sunset, no longer asked for (collect/retired.ts) */
  readonly goneKinds?: ReadonlySet<ClusterKind>;
  /** per organisation of the projects in scope, per enabled per-organisation collector (ORG_COLLECTORS), what it last read */
  readonly orgs?: ReadonlyMap<string, ReadonlyMap<string, Reading<unknown>>>;
}

export const EMPTY_STATE: CollectorState = {
  up: false,
  projects: new Map(),
  clusters: new Map(),
  lastRefreshEndMs: undefined,
  lastRefreshDurationMs: undefined,
  lastResult: undefined,
  dataTimeMs: undefined,
  error: undefined,
};
