import type { ExpositionFormat } from '../metrics/writer.js';

interface Clause {
  readonly mediaType: string;
  readonly params: ReadonlyMap<string, string>;
  readonly q: number;
}

/** `Accept` clauses, highest q first; clauses of equal q keep the header's order. */
function parseAccept(header: string): Clause[] {
  const clauses: Clause[] = [];
  for (const part of header.split(',')) {
    const [range = '', ...rest] = part.split(';');
    const params = new Map<string, string>();
    let q = 1;
    for (const param of rest) {
      const eq = param.indexOf('=');
      if (eq < 0) continue;
      const name = param.slice(0, eq).trim().toLowerCase();
      const value = param
        .slice(eq + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1');
      // An unreadable q is 0, as in Go's parser.
      if (name === 'q') q = Number(value) || 0;
      else params.set(name, value);
    }
    clauses.push({ mediaType: range.trim().toLowerCase(), params, q });
  }
  return clauses.sort((a, b) => b.q - a.q);
}

/** The format a clause asks for, if we write it: text 0.0.4, or OpenMetrics 0.0.1 / 1.0.0. */
function formatOf({ mediaType, params }: Clause): ExpositionFormat | undefined {
  const version = params.get('version') ?? '';
  if (mediaType === 'text/plain' && (version === '' || version === '0.0.4')) return 'prometheus';
  if (mediaType === 'application/openmetrics-text' && ['', '0.0.1', '1.0.0'].includes(version))
    return 'openmetrics';
  return undefined;
}

/**
 * The exposition format for an `Accept` header, as Go's promhttp (expfmt) negotiates it: the
 * clause with the highest q that names a format we write wins, the first of equal q; wildcards
 * and other types or versions match nothing; without a match, the text format. Unlike expfmt,
 * q=0 means "not acceptable" (RFC 9110), and names are case-insensitive. OpenMetrics 0.0.1 is
 * answered with 1.0.0, the same text; the `escaping` parameter changes nothing here, since
 * every name we export is a legacy Prometheus name.
 */
export function negotiateFormat(accept: string | undefined): ExpositionFormat {
  for (const clause of parseAccept(accept ?? '')) {
    const format = clause.q > 0 ? formatOf(clause) : undefined;
    if (format) return format;
  }
  return 'prometheus';
}
