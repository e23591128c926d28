import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

/** One metric family as read back from an exposition: the samples today's approach re-encodes. */
export interface Family {
  name: string;
  help: string;
  type: string;
  samples: Array<{ name: string; labels: Array<[string, string]>; value: number }>;
}

const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
const unescapeText = (v: string) => v.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));

/** Parses a Prometheus text exposition (the exporter's own output) into families. */
export function parseExposition(text: string): Family[] {
  const families: Family[] = [];
  let current: Family | undefined;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('# HELP ')) {
      const rest = line.slice(7);
      const space = rest.indexOf(' ');
      current = {
        name: rest.slice(0, space),
        help: unescapeText(rest.slice(space + 1)),
        type: 'untyped',
        samples: [],
      };
      families.push(current);
      continue;
    }
    if (line.startsWith('# TYPE ')) {
      if (current) current.type = line.slice(line.lastIndexOf(' ') + 1);
      continue;
    }
    if (line.startsWith('#') || !current) continue;
    const brace = line.indexOf('{');
    const lastSpace = line.lastIndexOf(' ');
    const name = brace >= 0 && brace < lastSpace ? line.slice(0, brace) : line.slice(0, lastSpace);
    const labels: Array<[string, string]> = [];
    if (brace >= 0 && brace < lastSpace) {
      for (const m of line.slice(brace, lastSpace).matchAll(LABEL))
        labels.push([m[1] as string, unescapeText(m[2] as string)]);
    }
    current.samples.push({ name, labels, value: Number(line.slice(lastSpace + 1)) });
  }
  return families;
}

const escapeHelp = (t: string) => t.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
const escapeLabel = (t: string) => escapeHelp(t).replace(/"/g, '\\"');
const formatValue = (v: number) =>
  Number.isNaN(v) ? 'NaN' : v === Infinity ? '+Inf' : v === -Infinity ? '-Inf' : String(v);

/** A bare hand-written encoder: every family, every sample, from scratch, one string. */
export function encodeFamilies(families: readonly Family[]): string {
  let out = '';
  for (const f of families) {
    out += `# HELP ${f.name} ${escapeHelp(f.help)}\n# TYPE ${f.name} ${f.type}\n`;
    for (const s of f.samples) {
      out += s.name;
      if (s.labels.length > 0) {
        out += '{';
        for (let i = 0; i < s.labels.length; i++) {
          const [k, v] = s.labels[i] as [string, string];
          out += `${i === 0 ? '' : ','}${k}="${escapeLabel(v)}"`;
        }
        out += '}';
      }
      out += ` ${formatValue(s.value)}\n`;
    }
  }
  return out;
}

/** The floor of today's /metrics: a bare server that encodes (and gzips) the samples per request. */
export async function startFloorServer(
  families: readonly Family[],
): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const body = encodeFamilies(families);
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    res.setHeader('content-type', 'text/plain; version=0.0.4; charset=utf-8');
    if (gzip) res.setHeader('content-encoding', 'gzip');
    res.end(gzip ? gzipSync(body) : body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server };
}
