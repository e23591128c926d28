import type { AnyCollector } from '../collectors/collector.js';
import type { ProblemLog } from './problems.js';

/**
 * What a collector finds implausible in facts it has just read, logged under the scope it read
 * (a cluster, an organisation): one WARN while it lasts, INFO `recovered` once a read no longer shows it.
 */
export function reportImplausible(
  problems: ProblemLog,
  collector: Pick<AnyCollector, 'name' | 'implausible'>,
  key: string,
  facts: unknown,
  fields: Record<string, unknown>,
): void {
  const scope = `${key}/${collector.name}/implausible`;
  const doubt = collector.implausible?.(facts);
  if (doubt) problems.report(scope, doubt, undefined, fields);
  else problems.clear(scope, fields);
}
