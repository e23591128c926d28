// The exporter's own grammar (Prometheus's), so a flag means the same in both commands.
import { parseDuration } from '../../src/config/duration.js';
import type { SimulatorOptions } from '../options.js';

export const SIMULATE_USAGE = `Usage: atlas-backup-exporter simulate [flags]

Starts the Atlas simulator alone and prints its URL and credentials.

  --listen ADDR          host:port, :port or port (default 127.0.0.1:0, any free port)
  --projects N           readable projects (default scenario: 3)
  --clusters N           clusters per readable project, at least
  --snapshots N          snapshots per added cluster
  --dedicated N          dedicated clusters with backup, in total at least
  --seed N               PRNG seed (default 1)
  --latency D            added to every request, e.g. 50ms (default 0s)
  --fault-rate F         0-1: share of requests answering a random 500/502/503/429
  --rate-limit N/D       token bucket of N requests refilled every D, e.g. 100/1m
  --serverless-retired   serverless past its sunset: empty list, 410 on snapshots
  --token-ttl D          OAuth token lifetime (default 1h)
  --nonce-ttl D          Digest nonce lifetime (default 30s)
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
