import type { Logger } from 'pino';

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
  const { message, code, status, errorCode, endpoint } = problemOf(err);
  const fields = { error: message, code, status, errorCode, endpoint };
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
