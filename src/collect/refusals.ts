import { AtlasError } from '../atlas/errors.js';
import type { AnyCollector, ReadContext, Reading, ReadPlan } from '../collectors/collector.js';
import { type ClusterInfo, clusterKey } from '../resources/cluster.js';
import { errorMessage, type ProblemLog } from './problems.js';

/** Valid credentials without the role the list needs (read-only credentials, the common case). */
function isRefusal(err: unknown): err is AtlasError {
  return err instanceof AtlasError && (err.status === 401 || err.status === 403);
}

/** The problem scope of a collector's refusals: one warning, however many projects. */
const refusedScope = (collector: AnyCollector) => `${collector.name}-refused`;

export interface CollectorReadsContext extends ReadContext {
  readonly problems: ProblemLog;
  readonly recheckIntervalMs: number;
  /** per collector, project and kind, when Atlas last refused its lists (from the last refresh) */
  readonly refusals: ReadonlyMap<string, number>;
}

const failedReading = <F>(before: Reading<F> | undefined, error: string): Reading<F> => ({
  facts: before?.facts,
  success: false,
  lastReadMs: before?.lastReadMs,
  error,
});

/**
 * The collector reads of one refresh. When Atlas refuses a project's lists of a collector with
 * a role, the first cluster asked stands for the others: they wait for its answer instead of
 * each being refused, and the project's lists are asked again only after the recheck interval.
 * One warning names the missing role, however many projects and refreshes it concerns.
 */
export function createCollectorReads(ctx: CollectorReadsContext) {
  const refusals = new Map(ctx.refusals);
  const seen = new Set<string>();
  const roles = new Set<AnyCollector>();
  /** per collector, project and kind, this refresh: resolves whether Atlas answered the first list asked */
  const probes = new Map<string, Promise<boolean>>();

  /** Whether to ask Atlas for this cluster's list; the one to ask first is told to `answered`. */
  async function mayAsk(scope: string): Promise<{ ask: boolean; answered?: (ok: boolean) => void }> {
    const probe = probes.get(scope);
    if (probe) return { ask: await probe };
    let answered: ((ok: boolean) => void) | undefined;
    probes.set(scope, new Promise((resolve) => (answered = resolve)));
    return { ask: true, answered };
  }

  function refused(c: AnyCollector, info: ClusterInfo, err: AtlasError, scope: string, nowMs: number): void {
    refusals.set(scope, nowMs);
    const role = c.role?.[info.kind];
    ctx.problems.report(
      refusedScope(c),
      `Atlas refuses ${c.noun}s: the credentials lack the ${role} role; ${c.success?.name.replace(/^mongodbatlas_backup_/, '')} is 0 for those clusters until it is granted`,
      new Error(`HTTP ${err.status}${err.errorCode ? ` ${err.errorCode}` : ''}`),
      { group_id: info.groupId, cluster_kind: info.kind, endpoint: c.endpoints[info.kind]?.[0] },
    );
  }

  /** The cluster's reading of this collector after this refresh. */
  async function read(
    c: AnyCollector,
    info: ClusterInfo,
    before: Reading<unknown> | undefined,
    plan: ReadPlan,
  ): Promise<Reading<unknown>> {
    const { nowMs } = plan;
    const role = c.role?.[info.kind];
    const scope = `${c.name}/${info.groupId}/${info.kind}`;
    const why = `Atlas refused the ${c.noun}; it needs the ${role} role`;
    if (role) {
      roles.add(c);
      seen.add(scope);
      const refusedMs = refusals.get(scope);
      if (refusedMs !== undefined && nowMs - refusedMs < ctx.recheckIntervalMs)
        return failedReading(before, why);
    }
    if (before && !c.mustRead(before, plan)) return before;
    const gate = role ? await mayAsk(scope) : { ask: true };
    if (!gate.ask) return failedReading(before, why);
    const key = `${clusterKey(info.groupId, info.kind, info.name)}/${c.name}`;
    const fields = { group_id: info.groupId, cluster_name: info.name, cluster_kind: info.kind };
    try {
      const facts = await c.read(info, ctx);
      gate.answered?.(true);
      refusals.delete(scope);
      ctx.problems.clear(key, fields);
      return { facts, success: true, lastReadMs: nowMs, error: undefined };
    } catch (err) {
      if (role && isRefusal(err)) {
        gate.answered?.(false);
        refused(c, info, err, scope, nowMs);
        return failedReading(before, why);
      }
      // Any other failure is this cluster's alone: the others of the project are asked too.
      gate.answered?.(true);
      if (ctx.signal.aborted) throw err;
      ctx.problems.report(key, c.failure, err, fields);
      return failedReading(before, errorMessage(err));
    }
  }

  /** The refusals to carry to the next refresh: only of projects still in scope. */
  function finish(): ReadonlyMap<string, number> {
    for (const scope of refusals.keys()) if (!seen.has(scope)) refusals.delete(scope);
    for (const c of roles) {
      const prefix = `${c.name}/`;
      if (![...refusals.keys()].some((k) => k.startsWith(prefix)))
        ctx.problems.clear(refusedScope(c), { scope: refusedScope(c) });
    }
    return refusals;
  }

  return { read, finish };
}
