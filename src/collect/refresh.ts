import { discoverProjects } from '../resources/projects/reader.js';
import type { Group } from '../resources/projects/schema.js';
import { changeEvents } from './change-events.js';
import { createGate } from './gate.js';
import { failed, listProject, type ProjectResult } from './list-project.js';
import type { Pass, RefreshContext } from './pass.js';
import { type Problem, problemOf } from './problems.js';
import { readOrgs } from './read-orgs.js';
import { finishCollectorReads, startCollectorReads } from './refusals.js';
import { createRetiredKinds } from './retired.js';
import type { ClusterRecord, CollectorState, ProjectRecord } from './state.js';

export type { RefreshContext, RefreshSettings } from './pass.js';

/**
 * Cluster reads in flight per refresh, per request the client may send at once: enough that the
 * client's queue never runs dry (a read is a few requests, some answered from memory), few enough
 * that waiting reads cost nothing but a closure.
 */
const READS_PER_REQUEST_SLOT = 4;

/**
 * Projects started per turn of the event loop. Starting one is synchronous work (its plan, its
 * events read queued with its abort listeners): all 200 of L at once were the longest task of
 * a cold refresh.
 */
export const PROJECTS_PER_TURN = 20;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Every project listed, started PROJECTS_PER_TURN at a time with a turn of the event loop between. */
async function listProjects(pass: Pass, groups: readonly Group[]): Promise<ProjectResult[]> {
  const started: Array<Promise<ProjectResult>> = [];
  for (const [i, group] of groups.entries()) {
    if (i > 0 && i % PROJECTS_PER_TURN === 0) await nextTurn();
    const listed = listProject(pass, group);
    // Promise.all below sees a failure (an aborted refresh); until then it must not count as unhandled.
    listed.catch(() => undefined);
    started.push(listed);
  }
  return Promise.all(started);
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

const clusterLastGood = (r: ClusterRecord) => r.lastSuccessMs ?? r.firstSeenMs;

/** A refresh that could not list projects keeps every last good value, marked as not collected. */
function failedRefresh(
  prev: CollectorState,
  ctx: RefreshContext,
  startedMs: number,
  error: Problem,
): CollectorState {
  const endMs = ctx.now();
  const clusters = new Map([...prev.clusters].map(([key, r]) => [key, failed(r, error)]));
  const projects = new Map(
    [...prev.projects].map(([id, p]): [string, ProjectRecord] => [
      id,
      { ...p, listed: new Map([...p.listed.keys()].map((k) => [k, false])), error },
    ]),
  );
  const cutoff = endMs - ctx.settings.staleAfterMs;
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

/**
 * The WARN of a refresh that could not list projects, and its problem. An organisation's list
 * names the organisation: Atlas's 404 alone reads as if a project or cluster were unknown.
 */
function reportDiscovery(ctx: RefreshContext, err: unknown): Problem {
  const problem = problemOf(err);
  const { orgId } = ctx.settings;
  if (problem.endpoint !== 'org_groups' || orgId === undefined) {
    ctx.problems.report('discovery', 'cannot list Atlas projects', err);
    return problem;
  }
  const message =
    problem.status === 404
      ? `cannot list Atlas projects: organisation ${orgId} does not exist or these credentials cannot see it; check --atlas.org-id`
      : 'cannot list Atlas projects';
  ctx.problems.report('discovery', message, err, { org_id: orgId });
  return { ...problem, orgId };
}

/** What this refresh starts from: the last state, grouped, and the helpers it shares. */
function startPass(prev: CollectorState, ctx: RefreshContext): Pass {
  const previousByScope = new Map<string, ClusterRecord[]>();
  for (const record of prev.clusters.values()) {
    const scope = `${record.info.groupId}/${record.info.kind}`;
    const list = previousByScope.get(scope);
    if (list) list.push(record);
    else previousByScope.set(scope, [record]);
  }
  const recheckIntervalMs = ctx.settings.snapshotRecheckIntervalMs;
  return {
    ctx,
    prev,
    previousByScope,
    events: changeEvents(ctx.kinds, ctx.collectors),
    retired: createRetiredKinds(prev.projects, prev.goneKinds ?? new Set(), recheckIntervalMs, ctx.now),
    reads: startCollectorReads({
      client: ctx.client,
      signal: ctx.signal,
      options: ctx.settings.collector,
      problems: ctx.problems,
      recheckIntervalMs,
      refusals: prev.refusals ?? new Map(),
    }),
    inTurn: createGate(READS_PER_REQUEST_SLOT * ctx.settings.maxConcurrency),
    clusters: new Map(),
  };
}

/** The state this refresh publishes: its projects, clusters and organisations, the stale ones dropped. */
function settle(
  pass: Pass,
  results: readonly ProjectResult[],
  orgs: CollectorState['orgs'],
  startedMs: number,
): CollectorState {
  const endMs = pass.ctx.now();
  const failures = results.reduce((n, r) => n + r.failures, 0);
  return {
    up: true,
    projects: new Map(results.map((r) => [r.record.group.id, r.record])),
    clusters: withoutStale(pass.clusters, clusterLastGood, endMs - pass.ctx.settings.staleAfterMs),
    lastRefreshEndMs: endMs,
    lastRefreshDurationMs: endMs - startedMs,
    lastResult: failures > 0 ? 'partial' : 'success',
    dataTimeMs: endMs,
    error: undefined,
    refusals: finishCollectorReads(pass.reads),
    goneKinds: pass.retired.gone(),
    ...(orgs ? { orgs } : {}),
  };
}

/** One pass: projects, their clusters of each enabled kind, each cluster's collectors. */
export async function refresh(prev: CollectorState, ctx: RefreshContext): Promise<CollectorState> {
  const startedMs = ctx.now();
  let groups: Group[];
  try {
    groups = await discoverProjects(ctx.client, ctx.settings, ctx.signal);
  } catch (err) {
    if (ctx.signal.aborted) throw err;
    return failedRefresh(prev, ctx, startedMs, reportDiscovery(ctx, err));
  }
  ctx.problems.clear('discovery', { scope: 'discovery' });
  const pass = startPass(prev, ctx);
  const [orgs, results] = await Promise.all([readOrgs(pass, groups), listProjects(pass, groups)]);
  return settle(pass, results, orgs, startedMs);
}
