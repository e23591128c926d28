/** The values a Prometheus rule file holds. */
export type Yaml = string | number | boolean | Yaml[] | { [key: string]: Yaml };

/**
 * A small YAML writer for rule files: strings with a newline become `|-` blocks (readable PromQL),
 * simple words stay plain, other strings are JSON-quoted, which YAML reads as double-quoted scalars. Keys must be plain.
 */
export function toYaml(value: Yaml, indent = ''): string {
  if (Array.isArray(value)) {
    return value.map((item) => `${indent}- ${toYaml(item, `${indent}  `).trimStart()}`).join('');
  }
  if (typeof value === 'object') {
    return Object.entries(value)
      .map(([key, v]) => `${indent}${key}:${nested(v, indent)}`)
      .join('');
  }
  return `${indent}${scalar(value, indent)}\n`;
}

function nested(v: Yaml, indent: string): string {
  if (typeof v === 'object') return `\n${toYaml(v, `${indent}  `)}`;
  return ` ${scalar(v, indent)}\n`;
}

// words YAML could read as something other than a string stay quoted
const PLAIN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const AMBIGUOUS = /^([0-9._-]+|y|n|yes|no|true|false|on|off|null)$/i;

function scalar(v: string | number | boolean, indent: string): string {
  if (typeof v !== 'string') return String(v);
  if (PLAIN.test(v) && !AMBIGUOUS.test(v)) return v;
  if (!v.includes('\n')) return JSON.stringify(v);
  const body = v.split('\n').map((line) => (line === '' ? '' : `${indent}  ${line}`));
  return `|-\n${body.join('\n')}`;
}
