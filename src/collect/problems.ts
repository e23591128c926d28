import type { Logger } from 'pino';

/** An error's one-line message; our AtlasError messages never hold secrets. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function errorFields(err: unknown): Record<string, unknown> {
  const fields: Record<string, unknown> = { error: errorMessage(err) };
  if (err && typeof err === 'object') {
    for (const key of ['code', 'status', 'errorCode', 'endpoint'] as const) {
      const value = (err as Record<string, unknown>)[key];
      if (value !== undefined) fields[key] = value;
    }
  }
  return fields;
}

/**
 * One WARN per problem, not one per refresh: a problem is logged when it appears or its error
 * changes, at debug while it persists, and at info when it clears. Keeps a failing Atlas from
 * turning into a log storm.
 */
export function createProblemLog(logger: Logger) {
  const open = new Map<string, string>();

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
