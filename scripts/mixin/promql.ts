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
