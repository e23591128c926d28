// The exporter's own grammar (Prometheus's), so a flag means the same in both commands.
import { parseDuration } from '../../src/config/duration.js';
import type { SimulatorOptions } from '../options.js';
import { PROJECT_OWNER } from '../resources/compliance-policy.js';
import { ORGANIZATION_BILLING_VIEWER } from '../resources/invoices.js';
import { PROJECT_BACKUP_MANAGER } from '../resources/resource.js';

/** Every `simulate` flag, in usage order: its value's placeholder (none: a switch) and help. */
export const SIMULATE_FLAGS: ReadonlyArray<{ name: string; value?: string; help: string }> = [
  { name: '--listen', value: 'ADDR', help: 'host:port, :port or port (default 127.0.0.1:0, any free port)' },
  { name: '--projects', value: 'N', help: 'readable projects (default scenario: 3)' },
  { name: '--clusters', value: 'N', help: 'clusters per readable project, at least' },
  { name: '--snapshots', value: 'N', help: 'snapshots per added cluster' },
  { name: '--dedicated', value: 'N', help: 'dedicated clusters with backup, in total at least' },
  { name: '--seed', value: 'N', help: 'PRNG seed (default 1)' },
  { name: '--latency', value: 'D', help: 'added to every request, e.g. 50ms (default 0s)' },
  { name: '--fault-rate', value: 'F', help: '0-1: share of requests answering a random 500/502/503/429' },
  { name: '--rate-limit', value: 'N/D', help: 'token bucket of N requests refilled every D, e.g. 100/1m' },
  { name: '--serverless-retired', help: 'serverless past its sunset: empty list, 410 on snapshots' },
  {
    name: '--read-only',
    help: 'only read-only roles (no Project Backup Manager, Project Owner, Organization Billing Viewer): dedicated restore jobs, compliance policies and invoices refused',
  },
  { name: '--token-ttl', value: 'D', help: 'OAuth token lifetime (default 1h)' },
  { name: '--nonce-ttl', value: 'D', help: 'Digest nonce lifetime (default 30s)' },
];

export const SIMULATE_USAGE = `Usage: atlas-backup-exporter simulate [flags]

Starts the Atlas simulator alone and prints its URL and credentials.

${SIMULATE_FLAGS.map((f) => `  ${[f.name, f.value].filter(Boolean).join(' ').padEnd(23)}${f.help}`).join('\n')}
  --help
`;

/** `N/D`, e.g. `100/1m`: a bucket of N requests refilled every D. */
export function parseRateLimit(text: string): { capacity: number; refillMs: number } | undefined {
  const [count, per, ...rest] = text.split('/');
  if (count === undefined || per === undefined || rest.length > 0 || !/^\d+$/.test(count)) return undefined;
  const capacity = Number(count);
  const refillMs = parseDuration(per);
  if (capacity < 1 || refillMs === undefined || refillMs <= 0) return undefined;
  return { capacity, refillMs };
}

export type SimulateArgs =
  | { kind: 'run'; options: SimulatorOptions }
  | { kind: 'help'; text: string }
  | { kind: 'error'; errors: string[] };

function listen(value: string): { host?: string; port: number } | undefined {
  const m = /^(?:(.*):)?(\d{1,5})$/.exec(value);
  const port = Number(m?.[2]);
  if (!m || port > 65535) return undefined;
  const host = m[1]?.replace(/^\[(.*)\]$/, '$1');
  return host ? { host, port } : { port };
}

/** Parses `simulate` flags (`--flag value` or `--flag=value`); every problem is reported at once. */
export function parseSimulateArgs(argv: readonly string[]): SimulateArgs {
  const options: SimulatorOptions = {};
  const errors: string[] = [];
  const count = (flag: string, v: string, min: number) => {
    if (/^\d+$/.test(v) && Number(v) >= min) return Number(v);
    errors.push(`${flag}: want an integer >= ${min}, got "${v}"`);
    return undefined;
  };
  const duration = (flag: string, v: string) => {
    const ms = parseDuration(v);
    if (ms === undefined) errors.push(`${flag}: want a duration such as 30s, 5m or 100ms, got "${v}"`);
    return ms;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') return { kind: 'help', text: SIMULATE_USAGE };
    if (arg === '--serverless-retired') {
      options.serverlessRetired = true;
      continue;
    }
    if (arg === '--read-only') {
      options.missingRoles = [PROJECT_BACKUP_MANAGER, PROJECT_OWNER, ORGANIZATION_BILLING_VIEWER];
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) {
      errors.push(`${flag}: missing value`);
      continue;
    }
    switch (flag) {
      case '--listen': {
        const addr = listen(value);
        if (addr) Object.assign(options, addr);
        else errors.push(`--listen: want host:port, :port or port, got "${value}"`);
        break;
      }
      case '--projects':
        options.projects = count(flag, value, 1);
        break;
      case '--clusters':
        options.clusters = count(flag, value, 0);
        break;
      case '--snapshots':
        options.snapshots = count(flag, value, 0);
        break;
      case '--dedicated':
        options.dedicated = count(flag, value, 0);
        break;
      case '--seed':
        options.seed = count(flag, value, 0);
        break;
      case '--latency':
        options.latencyMs = duration(flag, value);
        break;
      case '--token-ttl': {
        const ms = duration(flag, value);
        if (ms !== undefined) options.tokenTtlSeconds = Math.max(1, Math.round(ms / 1000));
        break;
      }
      case '--nonce-ttl': {
        const ms = duration(flag, value);
        if (ms !== undefined) options.nonceTtlSeconds = Math.max(1, Math.round(ms / 1000));
        break;
      }
      case '--fault-rate': {
        const f = Number(value);
        if (value.trim() !== '' && f >= 0 && f <= 1) options.faultRate = f;
        else errors.push(`--fault-rate: want a number from 0 to 1, got "${value}"`);
        break;
      }
      case '--rate-limit': {
        const limit = parseRateLimit(value);
        if (limit) options.rateLimit = limit;
        else errors.push(`--rate-limit: want N/D such as 100/1m, got "${value}"`);
        break;
      }
      default:
        errors.push(`unknown flag ${flag}`);
        if (eq < 0) i--;
    }
  }
  return errors.length > 0 ? { kind: 'error', errors } : { kind: 'run', options };
}
