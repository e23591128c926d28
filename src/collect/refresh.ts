import type { Logger } from 'pino';
import type { AtlasClient } from '../atlas/api.js';
import type { AnyCollector, Reading } from '../collectors/collector.js';
import type { ClusterKind } from '../config/kinds.js';
import { type ClusterInfo, clusterKey } from '../resources/cluster.js';
import { readProjectEvents } from '../resources/project-events/reader.js';
import { discoverProjects, type ProjectScope } from '../resources/projects/reader.js';
import type { Group } from '../resources/projects/schema.js';
import type { ClusterResource } from '../resources/resource.js';
import { createGate } from './gate.js';
import { type Problem, type ProblemLog, problemOf } from './problems.js';
import { listingRecheckAt, type ProjectNews, planProjectNews, projectNews } from './project-news.js';
import { mustReadSnapshots } from './recheck.js';
import { createCollectorReads } from './refusals.js';
import { createRetiredKinds } from './retired.js';
import type { ClusterRecord, CollectorState, Listing, ProjectRecord } from './state.js';

/** The settings one refresh uses. */
export interface RefreshSettings extends ProjectScope {
  readonly clusterKinds: readonly ClusterKind[];
  readonly clusterInclude: RegExp | undefined;
  readonly clusterExclude: RegExp | undefined;
  readonly staleAfterMs: number;
  readonly snapshotRecheckIntervalMs: number;
  readonly snapshotDetails: boolean;
  /** --atlas.max-concurrency: how many requests the client sends at once */
  readonly maxConcurrency: number;
}

/**
 * Cluster reads in flight per refresh, per request the client may send at once: enough that the
 * client's queue never runs dry (a read is a few requests, some answered from memory), few enough
 * that waiting reads cost nothing but a closure.
 */
const READS_PER_REQUEST_SLOT = 4;

export interface RefreshContext {
  readonly client: AtlasClient;
  /** the resource that reads each kind of cluster */
  readonly resources: Readonly<Record<ClusterKind, ClusterResource>>;
  /** the enabled collectors, in read order */
  readonly collectors: readonly AnyCollector[];
  readonly settings: RefreshSettings;
  readonly logger: Logger;
  readonly problems: ProblemLog;
  readonly now: () => number;
  readonly signal: AbortSignal;
}

function reportRetired(ctx: RefreshContext, kind: ClusterKind, why: string): void {
  // The advice keeps every other kind asked for: a bare "flex" would drop dedicated clusters.
  const others = ctx.settings.clusterKinds.filter((k) => k !== kind).join(',') || 'flex';
  ctx.problems.report(
    `${kind}-retired`,
    `Atlas retired the ${kind} endpoints; set --atlas.cluster-kinds=${others} to stop asking`,
    new Error(why),
  );
}

function selected(settings: RefreshSettings, name: string): boolean {
  const { clusterInclude, clusterExclude } = settings;
  if (clusterInclude && !clusterInclude.test(name)) return false;
  return !clusterExclude?.test(name);
}

function failed(record: ClusterRecord, error: Problem): ClusterRecord {
  const readings = new Map([...record.readings].map(([name, r]) => [name, { ...r, success: false }]));
  return { ...record, collectSuccess: false, error, readings };
}

/** Drops what could not be read for longer than --atlas.stale-after. */
function withoutStale<T>(
  records: Map<string, T>,
  lastGoodMs: (r: T) => number,
  cutoffMs: number,
): Map<string, T> {
  for (const [key, record] of records) if (lastGoodMs(record) < cutoffMs) records.delete(key);
  return records;
}

function staleCutoff(ctx: RefreshContext, nowMs: number): number {
  return nowMs - ctx.settings.staleAfterMs;
}

const clusterLastGood = (r: ClusterRecord) => r.lastSuccessMs ?? r.firstSeenMs;

/** A refresh that could not list projects keeps every last good value, marked as not collected. */
function failedRefresh(
  prev: CollectorState,
  ctx: RefreshContext,
  startedMs: number,
  err: unknown,
): CollectorState {
  const error = problemOf(err);
  const endMs = ctx.now();
  const clusters = new Map([...prev.clusters].map(([key, r]) => [key, failed(r, error)]));
  const projects = new Map(
    [...prev.projects].map(([id, p]): [string, ProjectRecord] => [
      id,
      { ...p, listed: new Map([...p.listed.keys()].map((k) => [k, false])), error },
    ]),
  );
  const cutoff = staleCutoff(ctx, endMs);
  return {
    ...prev,
    up: false,
    clusters: withoutStale(clusters, clusterLastGood, cutoff),
    projects: withoutStale(projects, (p) => p.lastSeenMs, cutoff),
    lastRefreshEndMs: endMs,
    lastRefreshDurationMs: endMs - startedMs,
    lastResult: 'failure',
    error,
  };
}

/** One pass: projects, their clusters of each enabled kind, each cluster's snapshots. */
export async function refresh(prev: CollectorState, ctx: RefreshContext): Promise<CollectorState> {
  const startedMs = ctx.now();
  let groups: Group[];
  try {
    groups = await discoverProjects(ctx.client, ctx.settings, ctx.signal);
  } catch (err) {
    if (ctx.signal.aborted) throw err;
    ctx.problems.report('discovery', 'cannot list Atlas projects', err);
    return failedRefresh(prev, ctx, startedMs, err);
  }
  ctx.problems.clear('discovery', { scope: 'discovery' });

  const previousByScope = new Map<string, ClusterRecord[]>();
  for (const record of prev.clusters.values()) {
    const scope = `${record.info.groupId}/${record.info.kind}`;
    const list = previousByScope.get(scope);
    if (list) list.push(record);
    else previousByScope.set(scope, [record]);
  }

  const clusters = new Map<string, ClusterRecord>();
  const projects = new Map<string, ProjectRecord>();
  let failures = 0;
  const collectorReads = createCollectorReads({
    client: ctx.client,
    problems: ctx.problems,
    signal: ctx.signal,
    recheckIntervalMs: ctx.settings.snapshotRecheckIntervalMs,
    refusals: prev.refusals ?? new Map(),
  });

  const retiredKinds = createRetiredKinds(prev.projects, ctx.settings.snapshotRecheckIntervalMs, ctx.now);
  const inTurn = createGate(READS_PER_REQUEST_SLOT * ctx.settings.maxConcurrency);

  /** What the project's events say of its lists since they were read, where they can stand in for them. */
  async function readNews(group: Group): Promise<ProjectNews> {
    const { clusterKinds, snapshotRecheckIntervalMs } = ctx.settings;
    const records = new Map(clusterKinds.map((k) => [k, previousByScope.get(`${group.id}/${k}`) ?? []]));
    const before = prev.projects.get(group.id);
    const plan = planProjectNews(
      before,
      records,
      ctx.resources,
      clusterKinds,
      ctx.now(),
      snapshotRecheckIntervalMs,
    );
    if (plan.types.length === 0) return projectNews(plan, ctx.resources, undefined);
    const scope = `${group.id}/events`;
    const fields = { group_id: group.id };
    try {
      const events = await readProjectEvents(ctx.client, group.id, plan.types, plan.sinceMs, ctx.signal);
      ctx.problems.clear(scope, fields);
      return projectNews(plan, ctx.resources, events);
    } catch (err) {
      if (ctx.signal.aborted) throw err;
      ctx.problems.report(
        scope,
        'cannot read project events; cluster lists are read every refresh, on-demand snapshots wait for the recheck interval',
        err,
        fields,
      );
      return projectNews(plan, ctx.resources, undefined);
    }
  }

  /**
   * Its snapshots, then each enabled collector that applies to it, one after the other.
   * Resolves whether its snapshots were found current: read, or known unchanged.
   */
  async function readCluster(
    resource: ClusterResource,
    listed: ClusterInfo,
    changed: boolean,
  ): Promise<boolean> {
    // One instant for the whole read: the recheck decisions and the times they record agree.
    const nowMs = ctx.now();
    const key = clusterKey(listed.groupId, listed.kind, listed.name);
    const record = await readSnapshots(resource, listed, changed, key, nowMs);
    if (!record) return false;
    // A collector's failures leave the refresh a success: its success family tells them.
    const before = prev.clusters.get(key)?.readings;
    const readings = new Map<string, Reading<unknown>>();
    for (const c of ctx.collectors) {
      if (!c.endpoints[record.info.kind] || !c.applies(record.info)) continue;
      readings.set(c.name, await collectorReads.read(c, record.info, before?.get(c.name), nowMs));
    }
    clusters.set(key, { ...record, readings });
    return record.collectSuccess;
  }

  /** The cluster's record after this refresh; undefined when it is not ours to read now. */
  async function readSnapshots(
    resource: ClusterResource,
    listed: ClusterInfo,
    changed: boolean,
    key: string,
    nowMs: number,
  ): Promise<Omit<ClusterRecord, 'readings'> | undefined> {
    const before = prev.clusters.get(key);
    const firstSeenMs = before?.firstSeenMs ?? nowMs;
    const fields = { group_id: listed.groupId, cluster_name: listed.name, cluster_kind: listed.kind };
    const kept = (memo: unknown) => ({
      info: resource.describe?.(listed, memo) ?? listed,
      ...(memo === undefined ? {} : { memo }),
    });
    const { snapshotRecheckIntervalMs } = ctx.settings;
    if (
      before &&
      !changed &&
      !mustReadSnapshots(listed, before, nowMs, snapshotRecheckIntervalMs, resource.recheck)
    ) {
      // Nothing in its snapshot list can have changed: the last reading is still current.
      return { ...before, ...kept(before.memo), lastSuccessMs: nowMs };
    }
    try {
      const reading = await resource.read(listed, {
        client: ctx.client,
        keepSnapshots: ctx.settings.snapshotDetails,
        signal: ctx.signal,
        nowMs,
        memo: before?.memo,
      });
      if (!reading) {
        ctx.logger.debug(fields, 'cluster moved to another kind since it was listed; skipped');
        return undefined;
      }
      ctx.problems.clear(key, fields);
      return {
        ...kept(reading.memo),
        summary: reading.summary,
        collectSuccess: true,
        lastSuccessMs: nowMs,
        lastReadMs: nowMs,
        firstSeenMs,
        error: undefined,
      };
    } catch (err) {
      if (ctx.signal.aborted) throw err;
      const retired = resource.retirement?.(err, 'read');
      if (retired) {
        retiredKinds.retire(listed.groupId, listed.kind);
        reportRetired(ctx, listed.kind, retired);
        return undefined;
      }
      failures += 1;
      ctx.problems.report(key, 'cannot read backup snapshots', err, fields);
      return {
        ...kept(before?.memo),
        summary: before?.summary,
        collectSuccess: false,
        lastSuccessMs: before?.lastSuccessMs,
        lastReadMs: before?.lastReadMs,
        firstSeenMs,
        error: problemOf(err),
      };
    }
  }

  async function readKind(
    group: Group,
    kind: ClusterKind,
    news: ProjectNews,
    listed: Map<ClusterKind, boolean>,
    listings: Map<ClusterKind, Listing>,
  ): Promise<Problem | undefined> {
    const resource = ctx.resources[kind];
    const scope = `${group.id}/${kind}`;
    if (retiredKinds.resting(group.id, kind)) {
      listed.set(kind, true);
      return undefined;
    }
    let listing = news.listing(kind);
    if (!listing) {
      const readMs = ctx.now();
      const first = !prev.projects.get(group.id)?.listings?.has(kind);
      const { snapshotRecheckIntervalMs } = ctx.settings;
      try {
        listing = {
          infos: await resource.listClusters(ctx.client, group, ctx.signal),
          readMs,
          recheckAtMs: listingRecheckAt(group.id, readMs, snapshotRecheckIntervalMs, first),
        };
      } catch (err) {
        if (ctx.signal.aborted) throw err;
        const retired = resource.retirement?.(err, 'list');
        if (retired) {
          retiredKinds.retire(group.id, kind);
          reportRetired(ctx, kind, retired);
          listed.set(kind, true);
          return undefined;
        }
        failures += 1;
        listed.set(kind, false);
        ctx.problems.report(scope, 'cannot list clusters', err, { group_id: group.id, cluster_kind: kind });
        const error = problemOf(err);
        for (const record of previousByScope.get(scope) ?? []) {
          clusters.set(clusterKey(group.id, kind, record.info.name), failed(record, error));
        }
        return error;
      }
      ctx.problems.clear(scope, { group_id: group.id, cluster_kind: kind });
    }
    listed.set(kind, true);
    const chosen = listing.infos.filter((info) => selected(ctx.settings, info.name));
    const changed = news.snapshotsChanged(kind);
    const current = await Promise.all(
      chosen.map((info) => inTurn(() => readCluster(resource, info, changed))),
    );
    // A cluster that could not be read may be gone without an event: its list is read next time.
    if (current.every(Boolean)) listings.set(kind, listing);
    return undefined;
  }

  await Promise.all(
    groups.map(async (group) => {
      const news = await readNews(group);
      const listed = new Map<ClusterKind, boolean>();
      const listings = new Map<ClusterKind, Listing>();
      const errors = await Promise.all(
        ctx.settings.clusterKinds.map((kind) => readKind(group, kind, news, listed, listings)),
      );
      const error = errors.find((e) => e !== undefined);
      const kinds = retiredKinds.of(group.id);
      projects.set(group.id, {
        group,
        listed,
        listings,
        lastSeenMs: ctx.now(),
        error,
        ...(kinds ? { retired: kinds } : {}),
      });
    }),
  );

  const endMs = ctx.now();
  return {
    up: true,
    projects,
    clusters: withoutStale(clusters, clusterLastGood, staleCutoff(ctx, endMs)),
    lastRefreshEndMs: endMs,
    lastRefreshDurationMs: endMs - startedMs,
    lastResult: failures > 0 ? 'partial' : 'success',
    dataTimeMs: endMs,
    error: undefined,
    refusals: collectorReads.finish(),
  };
}
