import { AtlasError } from '../atlas/errors.js';
import type {
  AnyCollector,
  AnyOrgCollector,
  AnyProjectCollector,
  ProjectReadPlan,
  ReadContext,
  Reading,
  ReadPlan,
  ScopeCollector,
} from '../collectors/collector.js';
import { type ClusterInfo, clusterKey } from '../resources/cluster.js';
import type { Group } from '../resources/projects/schema.js';
import { reportImplausible } from './implausible.js';
import { clusterFields, errorMessage, type ProblemLog } from './problems.js';
import { keepIfEqual } from './same.js';

/** Valid credentials without the role the list needs (read-only credentials, the common case). */
function isRefusal(err: unknown): err is AtlasError {
  return err instanceof AtlasError && (err.status === 401 || err.status === 403);
}

/** The problem scope of a collector's refusals: one warning, however many projects. */
const refusedScope = (collector: { readonly name: string }) => `${collector.name}-refused`;

export interface CollectorReadsContext extends Omit<ReadContext, 'nowMs'> {
  readonly problems: ProblemLog;
  readonly recheckIntervalMs: number;
  /** per collector, project and kind, when Atlas last refused its lists (from the last refresh) */
  readonly refusals: ReadonlyMap<string, number>;
}

/**
 * The collector reads of one refresh that are not core, with what it learns of refusals. When
 * Atlas refuses a project's lists of a collector with a role, the first cluster asked stands for
 * the others: they wait for its answer instead of each being refused, and the project's lists
 * are asked again only after the recheck interval. One warning names the missing role, however
 * many projects and refreshes it concerns.
 */
export interface CollectorReads {
  readonly ctx: CollectorReadsContext;
  /** per collector, project and kind (`name/groupId/kind`): when Atlas last refused its lists */
  readonly refused: Map<string, number>;
  /** the scopes asked about on this refresh */
  readonly seen: Set<string>;
  /** the collectors with a role asked for on this refresh */
  readonly gated: Set<{ readonly name: string }>;
  /** per scope, this refresh: resolves whether Atlas answered the first list asked */
  readonly probes: Map<string, Promise<boolean>>;
}

export function startCollectorReads(ctx: CollectorReadsContext): CollectorReads {
  return { ctx, refused: new Map(ctx.refusals), seen: new Set(), gated: new Set(), probes: new Map() };
}

const failedReading = <F>(
  before: Reading<F> | undefined,
  error: string,
  missingRole?: string,
): Reading<F> => ({
  facts: before?.facts,
  success: false,
  lastReadMs: before?.lastReadMs,
  error,
  ...(missingRole ? { missingRole } : {}),
});

/** Whether to ask Atlas for this scope's list now; the first asker is told to settle the probe. */
async function mayAsk(reads: CollectorReads, scope: string) {
  const probe = reads.probes.get(scope);
  if (probe) return { ask: await probe };
  let answered: ((ok: boolean) => void) | undefined;
  reads.probes.set(scope, new Promise<boolean>((resolve) => (answered = resolve)));
  return { ask: true, answered };
}

/** The one warning of a collector's refusals: the role, and what stays missing until it is granted. */
function reportRefusal(
  reads: CollectorReads,
  c: { readonly name: string; readonly noun: string },
  role: string | undefined,
  missing: string,
  err: AtlasError,
  fields: Record<string, string | undefined>,
): void {
  reads.ctx.problems.report(
    refusedScope(c),
    `Atlas refuses ${c.noun}s: the credentials lack the ${role} role; ${missing} until it is granted`,
    new Error(`HTTP ${err.status}${err.errorCode ? ` ${err.errorCode}` : ''}`),
    fields,
  );
}

/** A collector's success family without the common prefix, as the refusal WARN names it. */
const shortName = (c: { readonly success?: { readonly name: string } }) =>
  c.success?.name.replace(/^mongodbatlas_backup_/, '');

/** Whether Atlas refused this scope's lists within the recheck interval: not asked again yet. */
function resting(reads: CollectorReads, scope: string, nowMs: number): boolean {
  const refusedMs = reads.refused.get(scope);
  return refusedMs !== undefined && nowMs - refusedMs < reads.ctx.recheckIntervalMs;
}

/** The cluster's reading of this collector after this refresh. */
export async function readCollector(
  reads: CollectorReads,
  c: AnyCollector,
  info: ClusterInfo,
  before: Reading<unknown> | undefined,
  plan: ReadPlan,
): Promise<Reading<unknown>> {
  const { ctx } = reads;
  const { nowMs } = plan;
  const role = c.role?.[info.kind];
  const scope = `${c.name}/${info.groupId}/${info.kind}`;
  const why = `Atlas refused the ${c.noun}; it needs the ${role} role`;
  if (role) {
    reads.gated.add(c);
    reads.seen.add(scope);
    if (resting(reads, scope, nowMs)) return failedReading(before, why, role);
  }
  if (before && !c.mustRead(before, plan)) return before;
  const gate = role ? await mayAsk(reads, scope) : { ask: true, answered: undefined };
  if (!gate.ask) return failedReading(before, why, role);
  const key = `${clusterKey(info.groupId, info.kind, info.name)}/${c.name}`;
  const fields = clusterFields(info);
  try {
    const facts = keepIfEqual(before?.facts, await c.read(info, { ...ctx, nowMs }));
    reportImplausible(ctx.problems, c, clusterKey(info.groupId, info.kind, info.name), facts, fields);
    gate.answered?.(true);
    reads.refused.delete(scope);
    ctx.problems.clear(key, fields);
    return { facts, success: true, lastReadMs: nowMs, error: undefined };
  } catch (err) {
    if (role && isRefusal(err)) {
      gate.answered?.(false);
      reads.refused.set(scope, nowMs);
      reportRefusal(reads, c, role, `${shortName(c)} is 0 for those clusters`, err, {
        group_id: info.groupId,
        group_name: info.groupName,
        cluster_kind: info.kind,
        endpoint: c.endpoints[info.kind]?.[0],
      });
      return failedReading(before, why, role);
    }
    // Any other failure is this cluster's alone: the others of the project are asked too.
    gate.answered?.(true);
    if (ctx.signal.aborted) throw err;
    ctx.problems.report(key, c.failure, err, fields);
    return failedReading(before, errorMessage(err));
  }
}

/** What a collector read once per project or organisation shows the shared read path. */
type ScopedCollector = ScopeCollector<unknown> & Pick<AnyOrgCollector, 'implausible'>;

/**
 * A scope's reading of a collector read once per project or organisation. A refusal of its role
 * is one warning (`missing` says what stays unread), and the scope is asked again only after the
 * recheck interval.
 */
async function readScoped(
  reads: CollectorReads,
  c: ScopedCollector,
  scope: string,
  fields: Record<string, string>,
  missing: string,
  read: (ctx: ReadContext) => Promise<unknown>,
  before: Reading<unknown> | undefined,
  plan: ProjectReadPlan,
): Promise<Reading<unknown>> {
  const { ctx } = reads;
  const { nowMs } = plan;
  const why = `Atlas refused the ${c.noun}; it needs the ${c.role} role`;
  if (c.role) {
    reads.gated.add(c);
    reads.seen.add(scope);
    if (resting(reads, scope, nowMs)) return failedReading(before, why, c.role);
  }
  if (before && !c.mustRead(before, plan)) return before;
  try {
    const facts = await read({ ...ctx, nowMs });
    reportImplausible(ctx.problems, c, scope, facts, fields);
    reads.refused.delete(scope);
    ctx.problems.clear(scope, fields);
    return { facts, success: true, lastReadMs: nowMs, error: undefined };
  } catch (err) {
    if (ctx.signal.aborted) throw err;
    if (c.role && isRefusal(err)) {
      reads.refused.set(scope, nowMs);
      reportRefusal(reads, c, c.role, missing, err, { ...fields, endpoint: c.endpoint });
      return failedReading(before, why, c.role);
    }
    ctx.problems.report(scope, c.failure, err, fields);
    return failedReading(before, errorMessage(err));
  }
}

/** A project's reading of a per-project collector after this refresh. */
export function readProjectCollector(
  reads: CollectorReads,
  c: AnyProjectCollector,
  group: Group,
  before: Reading<unknown> | undefined,
  plan: ProjectReadPlan,
): Promise<Reading<unknown>> {
  const fields = { group_id: group.id, group_name: group.name };
  const missing = c.success
    ? `${shortName(c)} is 0 for those projects`
    : "those projects' lists are not read";
  const read = (ctx: ReadContext) => c.read(group, ctx);
  return readScoped(reads, c, `${c.name}/${group.id}`, fields, missing, read, before, plan);
}

/** An organisation's reading of a per-organisation collector after this refresh. */
export function readOrgCollector(
  reads: CollectorReads,
  c: AnyOrgCollector,
  orgId: string,
  before: Reading<unknown> | undefined,
  plan: ProjectReadPlan,
): Promise<Reading<unknown>> {
  const missing = `${shortName(c)} is 0 for those organisations`;
  const read = (ctx: ReadContext) => c.read(orgId, ctx);
  return readScoped(reads, c, `${c.name}/${orgId}`, { org_id: orgId }, missing, read, before, plan);
}

/** The refusals to carry to the next refresh: only of projects still in scope. */
export function finishCollectorReads(reads: CollectorReads): ReadonlyMap<string, number> {
  for (const scope of reads.refused.keys()) if (!reads.seen.has(scope)) reads.refused.delete(scope);
  for (const c of reads.gated) {
    const prefix = `${c.name}/`;
    if (![...reads.refused.keys()].some((k) => k.startsWith(prefix)))
      reads.ctx.problems.clear(refusedScope(c), { scope: refusedScope(c) });
  }
  return reads.refused;
}
