import type { Logger } from 'pino';
import type { AtlasClient } from '../atlas/api.js';
import { endpoints } from '../atlas/endpoints.js';
import { AtlasError } from '../atlas/errors.js';
import { parseGroup } from '../atlas/schemas.js';
import type { Group } from '../atlas/types.js';
import type { ClusterKind, Config } from '../config.js';
import { type ClusterInfo, clusterKey, withSchedule } from './cluster.js';
import { KIND_READERS } from './kinds.js';
import { type Problem, type ProblemLog, problemOf } from './problems.js';
import { listAll } from './reader.js';
import { mustReadSnapshots } from './recheck.js';
import type { ScheduleRecord } from './schedule.js';
import type { ClusterRecord, CollectorState, ProjectRecord } from './state.js';

export interface RefreshContext {
  readonly client: AtlasClient;
  readonly atlas: Config['atlas'];
  readonly snapshotDetails: boolean;
  readonly logger: Logger;
  readonly problems: ProblemLog;
  readonly now: () => number;
  readonly signal: AbortSignal;
}

/**
 * The serverless endpoints passed their sunset (January 2026): a 410, or a 404 that is not about
 * the project, means the kind is retired, not that the exporter failed.
 */
function isServerlessRetired(err: unknown, listing: boolean): boolean {
  if (!(err instanceof AtlasError)) return false;
  if (err.status === 410) return true;
  return listing && err.status === 404 && err.errorCode !== 'GROUP_NOT_FOUND';
}

/** A record's info and the schedule it was derived from, kept together. */
function scheduled(listed: ClusterInfo, schedule: ScheduleRecord | undefined) {
  return { info: withSchedule(listed, schedule), ...(schedule ? { schedule } : {}) };
}

function reportRetired(ctx: RefreshContext): void {
  // The advice keeps every other kind asked for: a bare "flex" would drop dedicated clusters.
  const others = ctx.atlas.clusterKinds.filter((k) => k !== 'serverless').join(',') || 'flex';
  ctx.problems.report(
    'serverless-retired',
    `Atlas retired the serverless endpoints; set --atlas.cluster-kinds=${others} to stop asking`,
    new Error('serverless endpoints answered 410 Gone or 404'),
  );
}

async function discoverProjects(ctx: RefreshContext): Promise<Group[]> {
  const { orgId, projectIds } = ctx.atlas;
  const endpoint = orgId && projectIds.length === 0 ? endpoints.orgGroups(orgId) : endpoints.groups();
  const groups = await listAll(ctx.client, endpoint, parseGroup, ctx.signal);
  if (projectIds.length === 0) return groups;
  // A fixed list is read whatever the listing says; the listing only supplies names.
  const byId = new Map(groups.map((g) => [g.id, g]));
  return projectIds.map((id) => byId.get(id) ?? { id, name: '', orgId: '' });
}

function selected(ctx: RefreshContext, name: string): boolean {
  const { clusterInclude, clusterExclude } = ctx.atlas;
  if (clusterInclude && !clusterInclude.test(name)) return false;
  return !clusterExclude?.test(name);
}

function failed(record: ClusterRecord, error: Problem): ClusterRecord {
  return { ...record, collectSuccess: false, error };
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
  return nowMs - ctx.atlas.staleAfterMs;
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
    groups = await discoverProjects(ctx);
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

  async function readCluster(listed: ClusterInfo): Promise<void> {
    const key = clusterKey(listed.groupId, listed.kind, listed.name);
    const before = prev.clusters.get(key);
    const firstSeenMs = before?.firstSeenMs ?? ctx.now();
    const fields = { group_id: listed.groupId, cluster_name: listed.name, cluster_kind: listed.kind };
    if (before && !mustReadSnapshots(listed, before, ctx.now(), ctx.atlas.snapshotRecheckIntervalMs)) {
      // Nothing in its snapshot list can have changed: the last reading is still current.
      clusters.set(key, { ...before, info: withSchedule(listed, before.schedule), lastSuccessMs: ctx.now() });
      return;
    }
    try {
      const reading = await KIND_READERS[listed.kind].read(listed, {
        client: ctx.client,
        keepSnapshots: ctx.snapshotDetails,
        signal: ctx.signal,
        nowMs: ctx.now(),
        previous: before,
      });
      if (!reading) {
        ctx.logger.debug(fields, 'cluster moved to another kind since it was listed; skipped');
        return;
      }
      clusters.set(key, {
        ...scheduled(listed, reading.schedule),
        summary: reading.summary,
        collectSuccess: true,
        lastSuccessMs: ctx.now(),
        lastReadMs: ctx.now(),
        firstSeenMs,
        error: undefined,
      });
      ctx.problems.clear(key, fields);
    } catch (err) {
      if (ctx.signal.aborted) throw err;
      if (listed.kind === 'serverless' && isServerlessRetired(err, false)) return reportRetired(ctx);
      failures += 1;
      ctx.problems.report(key, 'cannot read backup snapshots', err, fields);
      clusters.set(key, {
        ...scheduled(listed, before?.schedule),
        summary: before?.summary,
        collectSuccess: false,
        lastSuccessMs: before?.lastSuccessMs,
        lastReadMs: before?.lastReadMs,
        firstSeenMs,
        error: problemOf(err),
      });
    }
  }

  async function readKind(
    group: Group,
    kind: ClusterKind,
    listed: Map<ClusterKind, boolean>,
  ): Promise<Problem | undefined> {
    const scope = `${group.id}/${kind}`;
    let infos: ClusterInfo[];
    try {
      infos = await KIND_READERS[kind].listClusters(ctx.client, group, ctx.signal);
    } catch (err) {
      if (ctx.signal.aborted) throw err;
      if (kind === 'serverless' && isServerlessRetired(err, true)) {
        reportRetired(ctx);
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
    listed.set(kind, true);
    ctx.problems.clear(scope, { group_id: group.id, cluster_kind: kind });
    await Promise.all(infos.filter((info) => selected(ctx, info.name)).map(readCluster));
    return undefined;
  }

  await Promise.all(
    groups.map(async (group) => {
      const listed = new Map<ClusterKind, boolean>();
      const errors = await Promise.all(ctx.atlas.clusterKinds.map((kind) => readKind(group, kind, listed)));
      const error = errors.find((e) => e !== undefined);
      projects.set(group.id, { group, listed, lastSeenMs: ctx.now(), error });
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
  };
}
