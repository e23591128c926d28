import { describe, expect, it } from 'vitest';
import {
  ORGANIZATION_BILLING_VIEWER,
  PROJECT_BACKUP_MANAGER,
  PROJECT_OWNER,
  parseRateLimit,
  parseSimulateArgs,
  runSimulateCommand,
} from '../index.js';
import { send, V2, V2023 } from '../test-helpers.js';

describe('simulate command', () => {
  it("parses durations with the exporter's grammar, and rate limits", () => {
    const latency = (text: string) => parseSimulateArgs(['--latency', text]);
    expect(latency('100ms')).toEqual({ kind: 'run', options: { latencyMs: 100 } });
    expect(latency('1h30m')).toEqual({ kind: 'run', options: { latencyMs: 5_400_000 } });
    expect(latency('0')).toEqual({ kind: 'run', options: { latencyMs: 0 } });
    for (const bad of ['5', '1.5s', '1m1m', '30s1m']) expect(latency(bad).kind).toBe('error');
    expect(parseRateLimit('100/1m1m')).toBeUndefined();
    expect(parseRateLimit('100/1m')).toEqual({ capacity: 100, refillMs: 60_000 });
    expect(parseRateLimit('0/1m')).toBeUndefined();
    expect(parseRateLimit('10')).toBeUndefined();
  });

  it('parses every flag, and reports every bad one', () => {
    const argv = ['--listen', ':9000', '--projects=5', '--clusters', '4', '--snapshots', '2', '--seed', '3'];
    argv.push('--latency', '50ms', '--fault-rate', '0.1', '--rate-limit', '100/1m', '--serverless-retired');
    argv.push('--token-ttl', '2m', '--nonce-ttl', '10s', '--dedicated=100');
    expect(parseSimulateArgs(argv)).toEqual({
      kind: 'run',
      options: {
        port: 9000,
        projects: 5,
        clusters: 4,
        snapshots: 2,
        dedicated: 100,
        seed: 3,
        latencyMs: 50,
        faultRate: 0.1,
        rateLimit: { capacity: 100, refillMs: 60_000 },
        serverlessRetired: true,
        tokenTtlSeconds: 120,
        nonceTtlSeconds: 10,
      },
    });
    // read-only credentials hold no role beyond Project Read Only
    expect(parseSimulateArgs(['--read-only'])).toEqual({
      kind: 'run',
      options: { missingRoles: [PROJECT_BACKUP_MANAGER, PROJECT_OWNER, ORGANIZATION_BILLING_VIEWER] },
    });
    expect(parseSimulateArgs(['--listen', '0.0.0.0:8080'])).toEqual({
      kind: 'run',
      options: { host: '0.0.0.0', port: 8080 },
    });
    const bad = parseSimulateArgs([
      '--projects',
      'x',
      '--fault-rate',
      '2',
      '--latency',
      'soon',
      '--bogus',
      '--rate-limit',
    ]);
    expect(bad.kind).toBe('error');
    expect(bad.kind === 'error' && bad.errors).toHaveLength(5);
    expect(parseSimulateArgs(['--help']).kind).toBe('help');
  });

  it('prints URL and credentials, serves, and stops', async () => {
    let out = '';
    const code = await runSimulateCommand(['--seed', '2'], {
      stdout: (t) => {
        out += t;
      },
      stderr: () => {},
      untilStopped: async () => {
        const url = /MONGODB_ATLAS_BASE_URL=(\S+)/.exec(out)?.[1];
        const res = await send(`${url}${V2}/groups`, { headers: { accept: V2023 } });
        expect(res.status).toBe(401);
      },
    });
    expect(code).toBe(0);
    expect(out).toMatch(/^Atlas simulator listening on http:\/\/127\.0\.0\.1:\d+$/m);
    expect(out).toMatch(/^MONGODB_ATLAS_CLIENT_ID=mdb_sa_id_[a-f0-9]{24}$/m);
    expect(out).toMatch(/^MONGODB_ATLAS_PRIVATE_API_KEY=\S+$/m);
    let err = '';
    const bad = await runSimulateCommand(['--seed', '-1'], {
      stdout: () => {},
      stderr: (t) => {
        err += t;
      },
      untilStopped: async () => {},
    });
    expect(bad).toBe(2);
    expect(err).toContain('--seed');
  });
});
