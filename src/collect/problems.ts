import type { Logger } from 'pino';
import type { ClusterInfo } from '../resources/cluster.js';

/** A cluster in log lines: its project by id and name, its own name and kind. */
export const clusterFields = (info: ClusterInfo) => ({
  group_id: info.groupId,
  group_name: info.groupName,
  cluster_name: info.name,
  cluster_kind: info.kind,
});

/** An error's one-line message; our AtlasError messages never hold secrets. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * What went wrong, as kept in the state for the landing page: the one-line message the log has,
 * and the facts Atlas gave, so the page can say it in words rather than as a request line.
 */
export interface Problem {
  readonly message: string;
  /** the AtlasError code (ATLAS_AUTH_FAILED, ATLAS_TIMEOUT, …); absent for other errors */
  readonly code?: string;
  readonly endpoint?: string;
  readonly status?: number;
  /** Atlas's `errorCode` (or OAuth `error`) and `detail` (or `error_description`) */
  readonly errorCode?: string;
  readonly detail?: string;
  /** a network error's code, e.g. ECONNREFUSED */
  readonly cause?: string;
  /** the --atlas.org-id whose project list failed: named, as Atlas's 404 is about it */
  readonly orgId?: string;
}

/** Endpoints whose refusal means the credentials themselves, not one project's permissions. */
export const CREDENTIAL_ENDPOINTS: ReadonlySet<string> = new Set(['oauth_token', 'groups', 'org_groups']);

/** What to do about a problem, in a few words for the log line; docs/troubleshooting.md says more. */
export function adviceFor(p: Problem): string | undefined {
  const credentials = CREDENTIAL_ENDPOINTS.has(p.endpoint ?? '');
  if (p.code === 'ATLAS_AUTH_FAILED' && credentials)
    return 'check the credentials (MONGODB_ATLAS_*): wrong, expired or revoked';
  if (p.errorCode === 'IP_ADDRESS_NOT_ON_ACCESS_LIST')
    return "add the exporter's egress address to the credentials' API access list";
  if (p.code === 'ATLAS_AUTH_FAILED' || p.status === 403)
    return 'grant Project Read Only on the project (or Organization Read Only)';
  if (p.status === 404 && p.orgId !== undefined) return 'check --atlas.org-id';
  if (p.status === 404 && p.errorCode === 'GROUP_NOT_FOUND') return 'check --atlas.project-id';
  if (p.status === 429) return 'lower --atlas.max-concurrency or raise --atlas.cache-ttl';
  if (p.status !== undefined && p.status >= 500) return 'usually passing: Atlas recovers by itself';
  if (p.code === 'ATLAS_NETWORK_ERROR') return 'check DNS, the firewall, HTTPS_PROXY and NO_PROXY';
  if (p.code === 'ATLAS_TIMEOUT') return 'a slow network or proxy: raise --atlas.request-timeout';
  if (p.code === 'ATLAS_MALFORMED_RESPONSE') return 'look at what sits between the exporter and Atlas';
  if (p.code === 'ATLAS_CLIENT_ERROR' || p.code === 'ATLAS_PAGING_LIMIT') return 'report it: a bug';
  return undefined;
}

const field = (x: unknown, key: string): unknown =>
  x && typeof x === 'object' ? (x as Record<string, unknown>)[key] : undefined;

/** The facts of any thrown value; an AtlasError gives them all, anything else its message. */
export function problemOf(err: unknown): Problem {
  const problem: { -readonly [K in keyof Problem]: Problem[K] } = { message: errorMessage(err) };
  for (const key of ['code', 'endpoint', 'errorCode', 'detail'] as const) {
    const value = field(err, key);
    if (typeof value === 'string' && value !== '') problem[key] = value;
  }
  const status = field(err, 'status');
  if (typeof status === 'number') problem.status = status;
  const cause = field(field(err, 'cause'), 'code');
  if (typeof cause === 'string') problem.cause = cause;
  return problem;
}

function errorFields(err: unknown): Record<string, unknown> {
  if (err === undefined) return {};
  const problem = problemOf(err);
  const { message, code, status, errorCode, endpoint } = problem;
  const fields = { error: message, code, status, errorCode, endpoint, hint: adviceFor(problem) };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

/**
 * One WARN per problem, not one per refresh: a problem is logged when it appears or its error
 * changes, at debug while it persists, and at info when it clears. Keeps a failing Atlas from
 * turning into a log storm.
 */
export function createProblemLog(logger: Logger) {
  const open = new Map<string, string>();

  /** `err` undefined: the message says it all (nothing failed, something read is wrong). */
  function report(scope: string, message: string, err: unknown, fields: Record<string, unknown> = {}): void {
    const all = { ...fields, ...errorFields(err) };
    const signature = `${message}\u0000${all.error}`;
    if (open.get(scope) === signature) {
      logger.debug(all, message);
      return;
    }
    open.set(scope, signature);
    logger.warn(all, message);
  }

  function clear(scope: string, fields: Record<string, unknown> = {}): void {
    if (!open.delete(scope)) return;
    logger.info(fields, 'recovered');
  }

  return { report, clear };
}

export type ProblemLog = ReturnType<typeof createProblemLog>;
