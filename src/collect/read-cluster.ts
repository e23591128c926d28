import type { AnyCollector, Reading, ReadPlan } from '../collectors/collector.js';
import { type ClusterInfo, clusterKey } from '../resources/cluster.js';
import type { NewestByType } from './backup-events.js';
import { reportImplausible } from './implausible.js';
import { type ClusterOutcome, type Pass, reportRetired } from './pass.js';
import { clusterFields, problemOf } from './problems.js';
import { readCollector } from './refusals.js';
import { keepIfEqual } from './same.js';
import type { ClusterRecord } from './state.js';

type Readings = Map<string, Reading<unknown>>;

/** The core part of a cluster's record after this refresh; undefined when it is not ours to read now. */
type Core = Omit<ClusterRecord, 'info' | 'firstSeenMs'>;

/** Whether a collector reads this cluster: it has a list for its kind, and the list applies. */
const appliesTo = (c: AnyCollector, info: ClusterInfo) =>
  c.endpoints[info.kind] !== undefined && c.applies(info);

/** The readings a collector list keeps from the last record, marked failed or as they were. */
function previous(
  core: readonly AnyCollector[],
  before: ClusterRecord | undefined,
  failed: boolean,
): Readings {
  const kept: Readings = new Map();
  for (const c of core) {
    const r = before?.readings.get(c.name);
    if (r) kept.set(c.name, failed ? { ...r, success: false } : r);
  }
  return kept;
}

/** A core list that could not be read, and why. */
interface CoreFailure {
  readonly collector: AnyCollector;
  readonly err: unknown;
}

/** Reads the core lists one after the other; the first failure stops them. */
async function readCoreLists(
  pass: Pass,
  core: readonly AnyCollector[],
  plan: ReadPlan,
  before: ClusterRecord | undefined,
): Promise<Readings | CoreFailure> {
  const { client, signal, settings, problems } = pass.ctx;
  const { listed, nowMs } = plan;
  const key = clusterKey(listed.groupId, listed.kind, listed.name);
  const fields = clusterFields(listed);
  const readings: Readings = new Map();
  for (const c of core) {
    const last = before?.readings.get(c.name);
    if (c.keep?.(last, plan)) {
      if (last) readings.set(c.name, last);
      continue;
    }
    try {
      const read = await c.read(listed, { client, signal, options: settings.collector, nowMs });
      const facts = keepIfEqual(last?.facts, read);
      reportImplausible(problems, c, key, facts, fields);
      readings.set(c.name, { facts, success: true, lastReadMs: nowMs, error: undefined });
    } catch (err) {
      return { collector: c, err };
    }
  }
  return readings;
}

/**
 * The core lists of a cluster: carried over while none must be read (nothing can have changed),
 * else read together. A failure keeps the last good readings, marked; an error that means the
 * cluster moved or its kind was retired makes it not ours to read now.
 */
async function readCore(
  pass: Pass,
  plan: ReadPlan,
  before: ClusterRecord | undefined,
  changed: boolean,
): Promise<Core | undefined> {
  const { ctx } = pass;
  const { listed, nowMs } = plan;
  const core = ctx.collectors.filter((c) => c.core && appliesTo(c, listed));
  const must =
    changed || !before?.collectSuccess || core.some((c) => c.mustRead(before?.readings.get(c.name), plan));
  if (before && !must) {
    const readings = previous(core, before, false);
    return {
      collectSuccess: true,
      lastSuccessMs: nowMs,
      lastReadMs: before.lastReadMs,
      error: undefined,
      readings,
    };
  }
  const key = clusterKey(listed.groupId, listed.kind, listed.name);
  const fields = clusterFields(listed);
  const read = await readCoreLists(pass, core, plan, before);
  if (read instanceof Map) {
    ctx.problems.clear(key, fields);
    return {
      collectSuccess: true,
      lastSuccessMs: nowMs,
      lastReadMs: nowMs,
      error: undefined,
      readings: read,
    };
  }
  const { collector, err } = read;
  if (ctx.signal.aborted) throw err;
  const kind = ctx.kinds[listed.kind];
  if (kind.gone?.(err)) {
    ctx.logger.debug(fields, 'cluster moved to another kind since it was listed; skipped');
    return undefined;
  }
  const retired = kind.retirement?.(err, 'read');
  if (retired) {
    pass.retired.retire(listed.groupId, listed.kind);
    reportRetired(ctx, listed.kind, retired);
    return undefined;
  }
  ctx.problems.report(key, collector.failure, err, fields);
  const readings = previous(core, before, true);
  const error = problemOf(err);
  return {
    collectSuccess: false,
    lastSuccessMs: before?.lastSuccessMs,
    lastReadMs: before?.lastReadMs,
    error,
    readings,
  };
}

/** The cluster's info as its readings complete it. */
function describe(pass: Pass, listed: ClusterInfo, readings: Readings): ClusterInfo {
  let info = listed;
  for (const c of pass.ctx.collectors) {
    const reading = readings.get(c.name);
    if (reading && c.describe) info = c.describe(info, reading.facts);
  }
  return info;
}

/**
 * One cluster: its core lists, then each other enabled collector that applies to it, one after
 * the other. A failure of those leaves the cluster current: their own success family tells it.
 */
export async function readCluster(
  pass: Pass,
  listed: ClusterInfo,
  changed: boolean,
  backupEvents: NewestByType | undefined,
): Promise<ClusterOutcome> {
  const { ctx } = pass;
  // One instant for the whole read: the recheck decisions and the times they record agree.
  const nowMs = ctx.now();
  const key = clusterKey(listed.groupId, listed.kind, listed.name);
  const before = pass.prev.clusters.get(key);
  const plan = {
    listed,
    was: before?.info,
    nowMs,
    recheckIntervalMs: ctx.settings.snapshotRecheckIntervalMs,
  };
  const core: Core | undefined = await readCore(pass, plan, before, changed);
  if (!core) return 'skipped';
  const readings = new Map(core.readings);
  const info = keepIfEqual(before?.info, describe(pass, listed, readings));
  for (const c of ctx.collectors) {
    if (c.core || !appliesTo(c, info)) continue;
    const last = before?.readings.get(c.name);
    readings.set(c.name, await readCollector(pass.reads, c, info, last, { ...plan, listed: info }));
  }
  // One literal, every field always there: spreading `core` and adding fields gave each record
  // a hidden class of its own (see `described`).
  const record: ClusterRecord = {
    info,
    collectSuccess: core.collectSuccess,
    lastSuccessMs: core.lastSuccessMs,
    lastReadMs: core.lastReadMs,
    firstSeenMs: before?.firstSeenMs ?? nowMs,
    error: core.error,
    readings,
    backupEvents,
  };
  pass.clusters.set(key, record);
  return core.collectSuccess ? 'current' : 'failed';
}
