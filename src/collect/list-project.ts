import type { Reading } from '../collectors/collector.js';
import type { ClusterKind } from '../config/kinds.js';
import type { ClusterInfo } from '../resources/cluster.js';
import { clusterKey } from '../resources/cluster.js';
import { readProjectEvents } from '../resources/project-events/reader.js';
import type { Group } from '../resources/projects/schema.js';
import {
  BACKUP_SIGNAL_AND_AUDIT_TYPES,
  type BackupEvents,
  backupEventsSince,
  foldBackupEvents,
  unreadBackupEvents,
} from './backup-events.js';
import { type Pass, type RefreshSettings, reportRetired } from './pass.js';
import { type Problem, problemOf } from './problems.js';
import { listingRecheckAt, type ProjectNews, planProjectNews, projectNews } from './project-news.js';
import { readCluster } from './read-cluster.js';
import { readProjectCollector } from './refusals.js';
import { pastSunset, reportRemoved } from './retired.js';
import { keepIfEqual } from './same.js';
import type { ClusterRecord, Listing, ProjectRecord } from './state.js';

/** What listing one kind of a project came to. */
interface KindResult {
  readonly kind: ClusterKind;
  /** listed, or known unchanged (project_collect_success) */
  readonly listed: boolean;
  /** the list to use again while the events tell of no change; undefined: read it next time */
  readonly listing?: Listing;
  readonly error?: Problem;
  /** what was thrown, for the project's one WARN */
  readonly thrown?: unknown;
  /** lists and clusters that could not be read (a partial refresh) */
  readonly failures: number;
}

/** A project after this refresh, and how many of its reads failed. */
export interface ProjectResult {
  readonly record: ProjectRecord;
  readonly failures: number;
}

function selected(settings: RefreshSettings, name: string): boolean {
  const { clusterInclude, clusterExclude } = settings;
  if (clusterInclude && !clusterInclude.test(name)) return false;
  return !clusterExclude?.test(name);
}

/** A record whose cluster could not be listed: the last good values, marked not collected. */
export function failed(record: ClusterRecord, error: Problem): ClusterRecord {
  const readings = new Map([...record.readings].map(([name, r]) => [name, { ...r, success: false }]));
  return { ...record, collectSuccess: false, error, readings };
}

/** A project in log lines: its id, and its name when the listing gave one. */
const projectFields = (group: Group) =>
  group.unlisted ? { group_id: group.id } : { group_id: group.id, group_name: group.name };

/**
 * What a project's events read told: of its lists, and its backup events so far; and why the
 * events could not be read (reported with its lists).
 */
interface News {
  readonly lists: ProjectNews;
  readonly backup: BackupEvents | undefined;
  readonly failure?: unknown;
}

/**
 * One read of the project's events, when either needs it: what they say of its lists since they
 * were read, where they can stand in for them, and the backup events since the last read. A
 * failed read keeps the last backup times; the next one asks from where the last good one ended.
 */
async function readNews(pass: Pass, group: Group): Promise<News> {
  const { ctx, events } = pass;
  const { clusterKinds, snapshotRecheckIntervalMs, eventsLookbackMs } = ctx.settings;
  const records = new Map(clusterKinds.map((k) => [k, pass.previousByScope.get(`${group.id}/${k}`) ?? []]));
  const before = pass.prev.projects.get(group.id);
  const nowMs = ctx.now();
  const plan = planProjectNews(before, records, events, clusterKinds, nowMs, snapshotRecheckIntervalMs);
  const known = before?.backupEvents;
  const feeds = plan.types.length > 0;
  // a project none of whose lists could be read would refuse its events too
  const listed = [...(before?.listed.values() ?? [])].some(Boolean);
  const ask = { changeFeed: feeds, listed };
  const since = backupEventsSince(known, ask, nowMs, eventsLookbackMs, snapshotRecheckIntervalMs);
  // the change feed is read only with the backup events, which it always brings due
  if (since === undefined) return { lists: projectNews(plan, events, undefined), backup: known };
  const types = [...new Set([...plan.types, ...BACKUP_SIGNAL_AND_AUDIT_TYPES])];
  const sinceMs = feeds ? Math.min(plan.sinceMs, since) : since;
  try {
    const read = await readProjectEvents(ctx.client, group.id, types, sinceMs, ctx.signal);
    ctx.problems.clear(`${group.id}/events`, projectFields(group));
    return { lists: projectNews(plan, events, read), backup: foldBackupEvents(known, read, nowMs) };
  } catch (err) {
    if (ctx.signal.aborted) throw err;
    const backup = unreadBackupEvents(known, nowMs);
    return { lists: projectNews(plan, events, undefined), backup, failure: err };
  }
}

/**
 * The clusters listed now, each unchanged one as the object listed last time: the records that
 * hold it keep it (read-cluster.ts), and the state holds one copy of it, not two.
 */
function keptInfos(last: Listing | undefined, listed: ClusterInfo[]): ClusterInfo[] {
  if (!last) return listed;
  const byName = new Map(last.infos.map((info) => [info.name, info]));
  return listed.map((info) => keepIfEqual(byName.get(info.name), info));
}

/** A project's clusters of one kind as Atlas lists them now; a KindResult when they cannot be. */
async function readListing(pass: Pass, group: Group, kind: ClusterKind): Promise<Listing | KindResult> {
  const { ctx } = pass;
  const readMs = ctx.now();
  const first = !pass.prev.projects.get(group.id)?.listings?.has(kind);
  try {
    const listed = await ctx.kinds[kind].listClusters(ctx.client, group, ctx.signal);
    const recheckAtMs = listingRecheckAt(group.id, readMs, ctx.settings.snapshotRecheckIntervalMs, first);
    const last = pass.prev.projects.get(group.id)?.listings?.get(kind);
    return { infos: keptInfos(last, listed), readMs, recheckAtMs };
  } catch (err) {
    if (ctx.signal.aborted) throw err;
    const retired = ctx.kinds[kind].retirement?.(err, 'list');
    if (retired) {
      pass.retired.retire(group.id, kind);
      // Past its sunset the kind is gone for every project; a kind named in the flag is still asked.
      const removal = ctx.settings.clusterKindsNamed ? undefined : pastSunset(err, ctx.now());
      if (removal === undefined) reportRetired(ctx, kind, retired);
      else if (pass.retired.removed(kind)) reportRemoved(ctx.logger, kind, removal);
      return { kind, listed: true, failures: 0 };
    }
    const error = problemOf(err);
    for (const record of pass.previousByScope.get(`${group.id}/${kind}`) ?? []) {
      pass.clusters.set(clusterKey(group.id, kind, record.info.name), failed(record, error));
    }
    return { kind, listed: false, error, thrown: err, failures: 1 };
  }
}

/** One kind of a project: its list (read, or known unchanged), then each selected cluster. */
async function listKind(pass: Pass, group: Group, kind: ClusterKind, news: News): Promise<KindResult> {
  if (pass.retired.resting(group.id, kind)) return { kind, listed: true, failures: 0 };
  const listing = news.lists.listing(kind) ?? (await readListing(pass, group, kind));
  if (!('infos' in listing)) return listing;
  const changed = news.lists.snapshotsChanged(kind);
  const chosen = listing.infos.filter((info: ClusterInfo) => selected(pass.ctx.settings, info.name));
  const outcomes = await Promise.all(
    chosen.map((info) =>
      pass.inTurn(() => readCluster(pass, info, changed, news.backup?.clusters.get(info.name))),
    ),
  );
  const failures = outcomes.filter((o) => o === 'failed').length;
  // A cluster that could not be read may be gone without an event: its list is read next time.
  const current = outcomes.every((o) => o === 'current');
  return { kind, listed: true, failures, ...(current ? { listing } : {}) };
}

/**
 * One WARN per project whose lists could not be read, however many kinds failed (they fail
 * together: a project the credentials cannot read), its events' failure included; the events'
 * own WARN only while the lists are read. A project id the listing does not know is named as
 * the likely mistake it is.
 */
function reportProject(pass: Pass, group: Group, kinds: readonly KindResult[], eventsFailure: unknown): void {
  const { problems } = pass.ctx;
  const fields = projectFields(group);
  const failed = kinds.filter((k) => !k.listed);
  const first = failed[0];
  if (first) {
    const message = group.unlisted
      ? `cannot list clusters: project ${group.id} does not exist or these credentials cannot see it; check --atlas.project-id`
      : 'cannot list clusters';
    const kindsFailed = failed.map((k) => k.kind).join(',');
    problems.report(`${group.id}/list`, message, first.thrown, { ...fields, cluster_kinds: kindsFailed });
    return;
  }
  problems.clear(`${group.id}/list`, fields);
  if (eventsFailure === undefined) return;
  problems.report(
    `${group.id}/events`,
    'cannot read project events; cluster lists are read every refresh, on-demand snapshots wait for the recheck interval, backup event times keep their last values',
    eventsFailure,
    fields,
  );
}

/** The project's readings of the enabled per-project collectors, one after the other. */
async function readProjectLists(pass: Pass, group: Group): Promise<ProjectRecord['readings']> {
  const { ctx } = pass;
  const collectors = ctx.projectCollectors ?? [];
  if (collectors.length === 0) return undefined;
  const before = pass.prev.projects.get(group.id)?.readings;
  const plan = { nowMs: ctx.now(), recheckIntervalMs: ctx.settings.snapshotRecheckIntervalMs };
  const readings = new Map<string, Reading<unknown>>();
  for (const c of collectors)
    readings.set(c.name, await readProjectCollector(pass.reads, c, group, before?.get(c.name), plan));
  return readings;
}

/** A project: its events, then each enabled kind's clusters, and its own lists beside them. */
export async function listProject(pass: Pass, group: Group): Promise<ProjectResult> {
  const news = await readNews(pass, group);
  const [readings, ...kinds] = await Promise.all([
    readProjectLists(pass, group),
    ...pass.ctx.settings.clusterKinds.map((kind) => listKind(pass, group, kind, news)),
  ]);
  reportProject(pass, group, kinds, news.failure);
  const listings = new Map<ClusterKind, Listing>();
  for (const k of kinds) if (k.listing) listings.set(k.kind, k.listing);
  const retired = pass.retired.of(group.id);
  const record: ProjectRecord = {
    group,
    listed: new Map(kinds.map((k) => [k.kind, k.listed])),
    listings,
    lastSeenMs: pass.ctx.now(),
    error: kinds.find((k) => k.error !== undefined)?.error,
    ...(retired ? { retired } : {}),
    ...(news.backup ? { backupEvents: news.backup } : {}),
    ...(readings ? { readings } : {}),
  };
  return { record, failures: kinds.reduce((n, k) => n + k.failures, 0) };
}
