import { CORE_FAMILY } from '../../src/metrics/catalog.js';

/** `name{a,b}`, leaving out empty matchers, or the bare name when none remain. */
export function metric(name: string, ...matchers: string[]): string {
  const present = matchers.filter((m) => m !== '');
  return present.length === 0 ? name : `${name}{${present.join(',')}}`;
}

/**
 * `expr * 0 + code`: the series of `expr`, valued `code`. Status columns chain these with `or`,
 * worst first, so each cluster takes the first code whose condition holds.
 */
export function coded(expr: string, code: number): string {
  return `(${expr}) * 0 + ${code}`;
}

/**
 * `expr` with its project's name added as `group_name`, joined from project_info on group_id.
 * topk keeps one info series per project, so two exporters reading the same project (replicas)
 * or a project renamed within the lookback cannot turn the match into a many-to-many error; the
 * idiom kubernetes-mixin uses with kube_pod_info.
 */
export function withProjectName(expr: string, selector: string): string {
  const info = metric(CORE_FAMILY.projectInfo, selector);
  return `(${expr})\n* on(group_id) group_left(group_name) topk by (group_id) (1, ${info})`;
}
