import { AtlasError } from '../atlas/errors.js';
import type { ClusterKind } from '../config/kinds.js';
import { type ClusterInfo, clusterKey } from '../resources/cluster.js';
import type { RestoreJobResource } from '../resources/restore-jobs/reader.js';
import type { RestoreSummary } from '../resources/restore-jobs/transform.js';
import { errorMessage, type ProblemLog } from './problems.js';

/** One cluster's restore jobs as last read; on a failed read the summary is the last good one. */
export interface RestoreRecord {
  readonly summary: RestoreSummary | undefined;
  /** whether the last attempt read the list (restore_collect_success) */
  readonly success: boolean;
  /** when the list was last read from Atlas */
  readonly lastReadMs: number | undefined;
  readonly error: string | undefined;
}

/**
 * Whether a cluster's restore list must be read now: while one of its jobs is unfinished, after
 * a failed read, or once the recheck interval has passed (`0` reads it on every refresh).
 */
export function mustReadRestoreJobs(
  previous: RestoreRecord | undefined,
  nowMs: number,
  recheckIntervalMs: number,
): boolean {
  if (recheckIntervalMs <= 0 || !previous?.success || previous.lastReadMs === undefined) return true;
  if (previous.summary?.unfinished) return true;
  return nowMs - previous.lastReadMs >= recheckIntervalMs;
}

/** Valid credentials without the role the list needs (read-only credentials, the common case). */
function isRefusal(err: unknown): err is AtlasError {
  return err instanceof AtlasError && (err.status === 401 || err.status === 403);
}

const REFUSED_SCOPE = 'restore-jobs-refused';

export interface RestoreReaderContext {
  readonly resources: Readonly<Partial<Record<ClusterKind, RestoreJobResource>>>;
  readonly client: Parameters<RestoreJobResource['read']>[1];
  readonly problems: ProblemLog;
  readonly signal: AbortSignal;
  readonly recheckIntervalMs: number;
  /** per project and kind, when Atlas last refused its restore lists (from the last refresh) */
  readonly refusals: ReadonlyMap<string, number>;
}

/**
 * The restore-job reads of one refresh. When Atlas refuses a project's lists, the first
 * cluster asked stands for the others: they wait for its answer instead of each being refused,
 * and the project's lists are asked again only after the recheck interval. One warning names
 * the missing role, however many projects and refreshes it concerns.
 */
export function createRestoreReader(ctx: RestoreReaderContext) {
  const refusals = new Map(ctx.refusals);
  const seen = new Set<string>();
  /** per project and kind, this refresh: resolves whether Atlas answered the first list asked */
  const probes = new Map<string, Promise<boolean>>();

  const refused = (before: RestoreRecord | undefined, error: string): RestoreRecord => ({
    summary: before?.summary,
    success: false,
    lastReadMs: before?.lastReadMs,
    error,
  });

  /** The cluster's restore record after this refresh; undefined when it has no restore jobs to read. */
  async function read(
    info: ClusterInfo,
    before: RestoreRecord | undefined,
    nowMs: number,
  ): Promise<RestoreRecord | undefined> {
    const resource = ctx.resources[info.kind];
    // Without backup there is nothing to restore from: never asked.
    if (!resource || !info.backupEnabled) return undefined;
    const scope = `${info.groupId}/${info.kind}`;
    seen.add(scope);
    const refusedMs = refusals.get(scope);
    const why = `Atlas refused the restore-job list; it needs the ${resource.role} role`;
    if (refusedMs !== undefined && nowMs - refusedMs < ctx.recheckIntervalMs) return refused(before, why);
    if (!mustReadRestoreJobs(before, nowMs, ctx.recheckIntervalMs)) return before;
    const probe = probes.get(scope);
    let answered: ((ok: boolean) => void) | undefined;
    if (probe) {
      if (!(await probe)) return refused(before, why);
    } else {
      probes.set(scope, new Promise((resolve) => (answered = resolve)));
    }
    const key = `${clusterKey(info.groupId, info.kind, info.name)}/restore-jobs`;
    const fields = { group_id: info.groupId, cluster_name: info.name, cluster_kind: info.kind };
    try {
      const summary = await resource.read(info, ctx.client, ctx.signal);
      answered?.(true);
      refusals.delete(scope);
      ctx.problems.clear(key, fields);
      return { summary, success: true, lastReadMs: nowMs, error: undefined };
    } catch (err) {
      if (isRefusal(err)) {
        answered?.(false);
        refusals.set(scope, nowMs);
        ctx.problems.report(
          REFUSED_SCOPE,
          `Atlas refuses restore-job lists: the credentials lack the ${resource.role} role; restore_collect_success is 0 for those clusters until it is granted`,
          new Error(`HTTP ${err.status}${err.errorCode ? ` ${err.errorCode}` : ''}`),
          { group_id: info.groupId, cluster_kind: info.kind, endpoint: resource.endpoint },
        );
        return refused(before, why);
      }
      // Any other failure is this cluster's alone: the others of the project are asked too.
      answered?.(true);
      if (ctx.signal.aborted) throw err;
      ctx.problems.report(key, 'cannot read restore jobs', err, fields);
      return refused(before, errorMessage(err));
    }
  }

  /** The refusals to carry to the next refresh: only of projects still in scope. */
  function finish(): ReadonlyMap<string, number> {
    for (const scope of refusals.keys()) if (!seen.has(scope)) refusals.delete(scope);
    if (refusals.size === 0) ctx.problems.clear(REFUSED_SCOPE, { scope: REFUSED_SCOPE });
    return refusals;
  }

  return { read, finish };
}
