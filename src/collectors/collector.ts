import type { AtlasClient } from '../atlas/api.js';
import type { EndpointName } from '../atlas/endpoints.js';
import type { ClusterKind } from '../config/kinds.js';
import type { Family } from '../metrics/family.js';
import type { ClusterInfo } from '../resources/cluster.js';
import type { Group } from '../resources/projects/schema.js';

/**
 * A collector reads one list Atlas keeps per cluster (restore jobs, …) and owns everything about
 * it: its endpoints, facts, families, flag, the role it needs and when it is read again. The
 * engine (collect/), the writer (metrics/), the page (http/) and the flags (config/) loop over
 * COLLECTORS (index.ts) and never name one.
 */

/** One cluster's facts of one collector as last read; on a failed read the facts are the last good ones. */
export interface Reading<Facts> {
  readonly facts: Facts | undefined;
  /** whether the last attempt read the list (its success family) */
  readonly success: boolean;
  /** when the list was last read from Atlas */
  readonly lastReadMs: number | undefined;
  readonly error: string | undefined;
  /** the role Atlas refused the list for lack of, on the last attempt */
  readonly missingRole?: string;
}

/** What reading one cluster's list needs besides its info. */
export interface ReadContext {
  readonly client: AtlasClient;
  readonly signal: AbortSignal;
  /** every `--collector.<name>` value, keyed by `<name>`: a collector reads its own options */
  readonly options: Readonly<Record<string, boolean>>;
  /** the instant of this read (ReadPlan.nowMs): what times Atlas gives are checked against */
  readonly nowMs: number;
}

/** What a collector decides a re-read on. */
export interface ReadPlan {
  /** the cluster as listed on this refresh */
  readonly listed: ClusterInfo;
  /** the cluster as last described, undefined when it is new */
  readonly was: ClusterInfo | undefined;
  readonly nowMs: number;
  /** --atlas.snapshot-recheck-interval */
  readonly recheckIntervalMs: number;
}

/** A boolean `--collector.<name>` flag: the collector's switch, or an option of its own. */
export interface CollectorFlag {
  /** after `--collector.` */
  readonly name: string;
  readonly help: string;
  readonly default: boolean;
  /** on with --demo unless set: the demo's credentials have every role */
  readonly onInDemo?: boolean;
}

/** The landing page's column of a collector: how long ago the time its facts name was. */
export interface CollectorColumn<Facts> {
  readonly head: string;
  /** Unix seconds; undefined shows "none" */
  readonly time: (facts: Facts) => number | undefined;
  /** shown under the time while the last read failed, alone when it was never read */
  readonly notRead: string;
}

/**
 * A line of the landing page's notes cell: what a cluster's status does not say. `sinceMs` shows
 * as "since 2 h", `atMs` as "2 h ago".
 */
export interface ClusterNote {
  readonly text: string;
  readonly sinceMs?: number;
  readonly atMs?: number;
}

export interface ClusterCollector<Facts> {
  /** kebab-case; `--collector.<name>` when it has a switch, problem scopes, refusal keys */
  readonly name: string;
  /** its switch; without one it is always on */
  readonly flag?: CollectorFlag;
  /** flags of its own besides the switch, e.g. opt-in families */
  readonly options?: readonly CollectorFlag[];
  /**
   * Read with the cluster: the core lists are read together, before the others, when any of
   * them must be; a failure fails the cluster (collect_success 0, the refresh partial).
   */
  readonly core?: boolean;
  /** where it reads each kind's list; a kind it has none for is never asked */
  readonly endpoints: Partial<Record<ClusterKind, readonly EndpointName[]>>;
  /** the Atlas role each kind's list needs: a refusal is one warning naming it, asked again after the recheck interval */
  readonly role?: Partial<Record<ClusterKind, string>>;
  /** what it reads, for the refusal messages: `restore-job list` */
  readonly noun: string;
  /** the fixed message of the WARN a failed read logs: `cannot read restore jobs` */
  readonly failure: string;
  /** project event types of a kind that tell its list changed: every such list is then read */
  readonly changeEvents?: Partial<Record<ClusterKind, readonly string[]>>;
  /** whether this cluster has a list to read at all */
  applies(info: ClusterInfo): boolean;
  /** whether the list must be read now, or the last reading still stands */
  mustRead(before: Reading<Facts> | undefined, plan: ReadPlan): boolean;
  /** core only: whether, while the cluster is read, the last reading may stand all the same */
  keep?(before: Reading<Facts> | undefined, plan: ReadPlan): boolean;
  read(info: ClusterInfo, ctx: ReadContext): Promise<Facts>;
  /**
   * What in freshly read facts a person must be told of, though the read succeeded (a time
   * set aside as impossible): one WARN per cluster while it lasts, INFO `recovered` after.
   */
  implausible?(facts: Facts): string | undefined;
  /** the cluster's info as these facts complete it (the schedule's expected interval) */
  describe?(info: ClusterInfo, facts: Facts | undefined): ClusterInfo;
  /** its families, written for each cluster it has facts of */
  readonly families: readonly Family<Facts>[];
  /** not core: 1 when the last attempt read the list, 0 when not; written after its families */
  readonly success?: { readonly name: string; readonly help: string };
  /** a family computed when /metrics is rendered: seconds since the time the facts name */
  readonly age?: {
    readonly name: string;
    readonly help: string;
    readonly since: (facts: Facts) => number | undefined;
  };
  readonly column?: CollectorColumn<Facts>;
  /**
   * The landing page's notes from these facts (an export overdue); `readings` holds the other
   * collectors' last readings of the cluster, for a note that weighs facts of two.
   */
  notes?(
    facts: Facts,
    info: ClusterInfo,
    nowMs: number,
    readings: ReadonlyMap<string, Reading<unknown>>,
  ): readonly ClusterNote[];
}

/**
 * The registry's one loose type. `Facts` appears in parameter positions, so a collector of
 * restore summaries is not a ClusterCollector<unknown>; each is checked against its own facts
 * by defineCollector and then forgotten: only its own functions ever see its facts.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above; the only such type in the registry.
export type AnyCollector = ClusterCollector<any>;

/** What a per-project collector decides a re-read on. */
export interface ProjectReadPlan {
  readonly nowMs: number;
  /** --atlas.snapshot-recheck-interval */
  readonly recheckIntervalMs: number;
}

/** What a collector read once per project or organisation has, whichever its scope. */
export interface ScopeCollector<Facts> {
  /** kebab-case; problem scopes and refusal keys */
  readonly name: string;
  /** its switch (several collectors may share one); without one it is always on */
  readonly flag?: CollectorFlag;
  readonly endpoint: EndpointName;
  /** the Atlas role it needs: a refusal is one warning naming it, asked again after the recheck interval */
  readonly role?: string;
  /** what it reads, for the refusal messages: `export-bucket list`, `pending invoice` */
  readonly noun: string;
  /** the fixed message of the WARN a failed read logs */
  readonly failure: string;
  /** whether it must be read now, or the last reading still stands */
  mustRead(before: Reading<Facts> | undefined, plan: ProjectReadPlan): boolean;
}

/**
 * A collector of one list Atlas keeps per project (export buckets, …): read once per project, its
 * families written after `group_id` alone. The engine, the writer and the known labels loop over
 * PROJECT_COLLECTORS (index.ts) and never name one.
 */
export interface ProjectCollector<Facts> extends ScopeCollector<Facts> {
  read(group: Group, ctx: ReadContext): Promise<Facts>;
  /** its families, written for each project it has facts of; labels after `group_id` */
  readonly families: readonly Family<Facts>[];
  /** 1 when the last attempt read the project's list, 0 when not; written after its families */
  readonly success?: { readonly name: string; readonly help: string };
}

/** The per-project registry's one loose type, as AnyCollector. */
// biome-ignore lint/suspicious/noExplicitAny: as AnyCollector.
export type AnyProjectCollector = ProjectCollector<any>;

/**
 * Whether a list read at most once per recheck interval must be read now: never read, the last
 * attempt failed, or the interval has passed (`0` reads it on every refresh).
 */
export function recheckDue(before: Reading<unknown> | undefined, plan: ProjectReadPlan): boolean {
  const { nowMs, recheckIntervalMs } = plan;
  if (recheckIntervalMs <= 0 || !before?.success || before.lastReadMs === undefined) return true;
  return nowMs - before.lastReadMs >= recheckIntervalMs;
}

/**
 * A collector of one resource Atlas keeps per organisation (the pending invoice): read once per
 * organisation of the projects in scope, and written for those projects only, each its own part
 * of the facts. The engine, the writer, the flags and the known labels loop over ORG_COLLECTORS
 * (index.ts) and never name one.
 */
export interface OrgCollector<Facts, Part> extends ScopeCollector<Facts> {
  read(orgId: string, ctx: ReadContext): Promise<Facts>;
  /** what in freshly read facts a person must be told of: one WARN per organisation while it lasts */
  implausible?(facts: Facts): string | undefined;
  /** a project's part of its organisation's facts; undefined when they hold nothing of it */
  part(facts: Facts, groupId: string): Part | undefined;
  /** written for each project in scope with a part; labels after `group_id` */
  readonly projectFamilies: readonly Family<Part>[];
  /** written for each organisation with facts; labels after `org_id` */
  readonly families: readonly Family<Facts>[];
  /** 1 when the last attempt read it, 0 when not, per organisation after `org_id`; written last */
  readonly success: { readonly name: string; readonly help: string };
}

/** The per-organisation registry's one loose type, as AnyCollector. */
// biome-ignore lint/suspicious/noExplicitAny: as AnyCollector.
export type AnyOrgCollector = OrgCollector<any, any>;

/** A per-organisation collector, type-checked against its own facts and parts. */
export function defineOrgCollector<Facts, Part>(
  collector: OrgCollector<Facts, Part>,
): OrgCollector<Facts, Part> {
  return collector;
}

/** A per-project collector, type-checked against its own facts. */
export function defineProjectCollector<Facts>(collector: ProjectCollector<Facts>): ProjectCollector<Facts> {
  return collector;
}

/** A collector, type-checked against its own facts. */
export function defineCollector<Facts>(collector: ClusterCollector<Facts>): ClusterCollector<Facts> {
  return collector;
}

/** What has flags: a collector of either registry. */
interface Switched {
  readonly flag?: CollectorFlag;
  readonly options?: readonly CollectorFlag[];
}

/**
 * Every collector flag, switch then options, in registry order, each once (a project collector
 * may share a cluster collector's switch): generated, never kept by hand.
 */
export function collectorFlags(collectors: readonly Switched[]): CollectorFlag[] {
  const flags = collectors.flatMap((c) => [...(c.flag ? [c.flag] : []), ...(c.options ?? [])]);
  return flags.filter((f, i) => flags.findIndex((g) => g.name === f.name) === i);
}

/** The collectors these flag values switch on (keyed by the flag name after `collector.`). */
export function enabledCollectors<C extends Switched>(
  collectors: readonly C[],
  values: Readonly<Record<string, boolean>>,
): C[] {
  return collectors.filter((c) => !c.flag || values[c.flag.name] === true);
}

/** Every endpoint the enabled collectors may call for these kinds, for the counters that start at 0. */
export function collectorEndpoints(
  collectors: readonly AnyCollector[],
  kinds: readonly ClusterKind[],
): EndpointName[] {
  return collectors.flatMap((c) => kinds.flatMap((kind) => c.endpoints[kind] ?? []));
}
