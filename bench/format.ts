import { round } from './stats.js';

/** Cell formatters shared by the bench's tables. */
export const s = (ms: number) => `${round(ms / 1000, 2)} s`;
export const ms = (v: number) => `${round(v, 1)} ms`;
export const x = (v: number) => `${round(v, 2)}×`;

/** A Markdown table, its columns padded to their widest cell. */
export function markdown(header: readonly string[], body: readonly string[][]): string {
  const all = [header, ...body];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}
