import { describe, expect, it } from 'vitest';
import type { Config } from './config.js';
import { type ConfigResult, parseConfig } from './parse.js';

const CREDS = { MONGODB_ATLAS_CLIENT_ID: 'mdb_sa_id_1', MONGODB_ATLAS_CLIENT_SECRET: 'mdb_sa_sk_1' };
const ORG = '5f1e2d3c4b5a69788796a5b4';
const P1 = '0123456789abcdef01234567';
const P2 = 'fedcba9876543210fedcba98';

const noFiles = (path: string): string => {
  throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: 'ENOENT' });
};

function parse(argv: string[], env: Record<string, string | undefined> = {}): ConfigResult {
  return parseConfig(argv, { ...CREDS, ...env }, noFiles);
}

/** The config of a run that must succeed. */
function config(argv: string[], env: Record<string, string | undefined> = {}): Config {
  const result = parse(argv, env);
  if (result.kind !== 'run') throw new Error(`expected run, got ${JSON.stringify(result)}`);
  return result.config;
}

describe('parseConfig defaults', () => {
  it('follows the contract', () => {
    const c = config([]);
    expect(c).toEqual({
      web: {
        listenAddress: ':10025',
        host: undefined,
        port: 10025,
        telemetryPath: '/metrics',
        configFile: undefined,
      },
      log: { level: 'info', format: 'json' },
      atlas: {
        baseUrl: 'https://cloud.mongodb.com',
        orgId: undefined,
        projectIds: [],
        clusterKinds: ['flex', 'serverless', 'dedicated'],
        clusterInclude: undefined,
        clusterExclude: undefined,
        cacheTtlMs: 300_000,
        refreshMode: 'on-scrape',
        maxConcurrency: 4,
        requestTimeoutMs: 30_000,
        maxRetries: 3,
        staleAfterMs: 3_600_000,
        snapshotRecheckIntervalMs: 3_600_000,
        tagLabels: [],
        eventsLookbackMs: 604_800_000,
        proxy: undefined,
        extraCaCerts: undefined,
      },
      collector: {
        'snapshot-details': false,
        'restore-jobs': false,
        exports: false,
        'online-archives': false,
      },
      shard: { index: 0, total: 1 },
      credentials: { kind: 'service-account', clientId: 'mdb_sa_id_1', clientSecret: 'mdb_sa_sk_1' },
      demo: false,
    });
  });

  it('reads the shard from flags or ATLAS_EXPORTER_SHARD_*, the flag winning', () => {
    expect(config(['--shard.index=2', '--shard.total=3']).shard).toEqual({ index: 2, total: 3 });
    const env = { ATLAS_EXPORTER_SHARD_INDEX: '1', ATLAS_EXPORTER_SHARD_TOTAL: '4' };
    expect(config([], env).shard).toEqual({ index: 1, total: 4 });
    expect(config(['--shard.index=3'], env).shard).toEqual({ index: 3, total: 4 });
  });

  it('is deeply frozen, and its regexes still work', () => {
    const c = config(['--atlas.cluster-include=prod-.*']);
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.web)).toBe(true);
    expect(Object.isFrozen(c.atlas.projectIds)).toBe(true);
    expect(Object.isFrozen(c.atlas.clusterKinds)).toBe(true);
    expect(Object.isFrozen(c.credentials)).toBe(true);
    expect(() => {
      (c.atlas as { cacheTtlMs: number }).cacheTtlMs = 1;
    }).toThrow(TypeError);
    expect(c.atlas.clusterInclude?.test('prod-1')).toBe(true);
    expect(c.atlas.clusterInclude?.test('prod-1')).toBe(true);
    expect(c.atlas.clusterInclude?.test('my-prod-1')).toBe(false);
  });
});

describe('parseConfig flag forms', () => {
  it('reads --flag=value and --flag value', () => {
    expect(config(['--atlas.cache-ttl=10m']).atlas.cacheTtlMs).toBe(600_000);
    expect(config(['--atlas.cache-ttl', '10m']).atlas.cacheTtlMs).toBe(600_000);
  });

  it('keeps everything after the first = in the value', () => {
    expect(config(['--atlas.cluster-include=a=b']).atlas.clusterInclude?.test('a=b')).toBe(true);
  });

  it.each([
    [['--collector.snapshot-details'], true],
    [['--collector.snapshot-details=true'], true],
    [['--collector.snapshot-details=false'], false],
    [['--collector.snapshot-details=1'], true],
    [['--no-collector.snapshot-details'], false],
    [[], false],
  ])('reads boolean %j', (argv, value) => {
    expect(config(argv).collector['snapshot-details']).toBe(value);
  });

  it('reads restore jobs off by default, on with --demo unless the flag or its variable says otherwise', () => {
    const restoreJobs = (argv: string[], env = {}) => config(argv, env).collector['restore-jobs'];
    expect(restoreJobs([])).toBe(false);
    expect(restoreJobs(['--collector.restore-jobs'])).toBe(true);
    expect(restoreJobs(['--demo'])).toBe(true);
    expect(restoreJobs(['--demo', '--no-collector.restore-jobs'])).toBe(false);
    expect(restoreJobs(['--demo'], { ATLAS_EXPORTER_COLLECTOR_RESTORE_JOBS: 'false' })).toBe(false);
    expect(restoreJobs([], { ATLAS_EXPORTER_COLLECTOR_RESTORE_JOBS: 'true' })).toBe(true);
  });

  it('does not take the next word as a boolean value', () => {
    const result = parse(['--collector.snapshot-details', 'false']);
    expect(result).toEqual({
      kind: 'error',
      errors: [expect.stringContaining('unexpected argument "false"')],
    });
  });

  it('reads every flag', () => {
    const c = config([
      '--web.listen-address=127.0.0.1:9000',
      '--web.telemetry-path=/probe',
      '--log.level=debug',
      '--log.format=logfmt',
      '--atlas.base-url=https://cloud.mongodbgov.com/',
      `--atlas.org-id=${ORG}`,
      `--atlas.project-id=${P1}`,
      '--atlas.cluster-kinds=serverless',
      '--atlas.cluster-include=prod-.*',
      '--atlas.cluster-exclude=.*-tmp',
      '--atlas.cache-ttl=1m',
      '--atlas.refresh-mode=background',
      '--atlas.max-concurrency=8',
      '--atlas.request-timeout=500ms',
      '--atlas.max-retries=0',
      '--atlas.stale-after=2h',
      '--atlas.snapshot-recheck-interval=0s',
      '--collector.snapshot-details',
    ]);
    expect(c.web).toMatchObject({ listenAddress: '127.0.0.1:9000', host: '127.0.0.1', port: 9000 });
    expect(c.web.telemetryPath).toBe('/probe');
    expect(c.log).toEqual({ level: 'debug', format: 'logfmt' });
    expect(c.atlas).toMatchObject({
      baseUrl: 'https://cloud.mongodbgov.com',
      orgId: ORG,
      projectIds: [P1],
      clusterKinds: ['serverless'],
      cacheTtlMs: 60_000,
      refreshMode: 'background',
      maxConcurrency: 8,
      requestTimeoutMs: 500,
      maxRetries: 0,
      staleAfterMs: 7_200_000,
      snapshotRecheckIntervalMs: 0,
    });
    expect(c.atlas.clusterInclude?.source).toBe('^(?:prod-.*)$');
    expect(c.atlas.clusterExclude?.test('x-tmp')).toBe(true);
    expect(c.collector['snapshot-details']).toBe(true);
  });

  it.each([
    [':10025', undefined, 10025],
    ['127.0.0.1:9000', '127.0.0.1', 9000],
    ['[::1]:9000', '::1', 9000],
    ['[::]:0', '::', 0],
    ['localhost:65535', 'localhost', 65535],
  ])('reads listen address %s', (address, host, port) => {
    expect(config([`--web.listen-address=${address}`]).web).toMatchObject({
      listenAddress: address,
      host,
      port,
    });
  });

  it('keeps a base URL path and strips trailing slashes', () => {
    expect(config(['--atlas.base-url=http://127.0.0.1:8080/atlas//']).atlas.baseUrl).toBe(
      'http://127.0.0.1:8080/atlas',
    );
  });

  it('removes duplicate cluster kinds', () => {
    expect(config(['--atlas.cluster-kinds=flex, serverless,flex']).atlas.clusterKinds).toEqual([
      'flex',
      'serverless',
    ]);
  });
});

describe('parseConfig environment', () => {
  it('reads ATLAS_EXPORTER_ variables for every flag', () => {
    const c = config([], {
      ATLAS_EXPORTER_WEB_LISTEN_ADDRESS: ':9100',
      ATLAS_EXPORTER_WEB_TELEMETRY_PATH: '/m',
      ATLAS_EXPORTER_LOG_LEVEL: 'warn',
      ATLAS_EXPORTER_LOG_FORMAT: 'logfmt',
      ATLAS_EXPORTER_ATLAS_BASE_URL: 'http://localhost:1234',
      ATLAS_EXPORTER_ATLAS_ORG_ID: ORG,
      ATLAS_EXPORTER_ATLAS_PROJECT_ID: `${P1},${P2}`,
      ATLAS_EXPORTER_ATLAS_CLUSTER_KINDS: 'flex',
      ATLAS_EXPORTER_ATLAS_CLUSTER_INCLUDE: 'a.*',
      ATLAS_EXPORTER_ATLAS_CLUSTER_EXCLUDE: 'b.*',
      ATLAS_EXPORTER_ATLAS_CACHE_TTL: '30s',
      ATLAS_EXPORTER_ATLAS_REFRESH_MODE: 'background',
      ATLAS_EXPORTER_ATLAS_MAX_CONCURRENCY: '2',
      ATLAS_EXPORTER_ATLAS_REQUEST_TIMEOUT: '10s',
      ATLAS_EXPORTER_ATLAS_MAX_RETRIES: '5',
      ATLAS_EXPORTER_ATLAS_STALE_AFTER: '30m',
      ATLAS_EXPORTER_ATLAS_SNAPSHOT_RECHECK_INTERVAL: '15m',
      ATLAS_EXPORTER_COLLECTOR_SNAPSHOT_DETAILS: 'true',
    });
    expect(c.web).toMatchObject({ port: 9100, telemetryPath: '/m' });
    expect(c.log).toEqual({ level: 'warn', format: 'logfmt' });
    expect(c.atlas).toMatchObject({
      baseUrl: 'http://localhost:1234',
      orgId: ORG,
      projectIds: [P1, P2],
      clusterKinds: ['flex'],
      cacheTtlMs: 30_000,
      refreshMode: 'background',
      maxConcurrency: 2,
      requestTimeoutMs: 10_000,
      maxRetries: 5,
      staleAfterMs: 1_800_000,
      snapshotRecheckIntervalMs: 900_000,
    });
    expect(c.atlas.clusterInclude?.source).toBe('^(?:a.*)$');
    expect(c.atlas.clusterExclude?.source).toBe('^(?:b.*)$');
    expect(c.collector['snapshot-details']).toBe(true);
  });

  it('reads the MONGODB_ATLAS_ aliases', () => {
    const c = config([], {
      MONGODB_ATLAS_BASE_URL: 'https://cloud.mongodbgov.com',
      MONGODB_ATLAS_ORG_ID: ORG,
      MONGODB_ATLAS_PROJECT_IDS: ` ${P1} ,${P2},,${P1}`,
    });
    expect(c.atlas).toMatchObject({
      baseUrl: 'https://cloud.mongodbgov.com',
      orgId: ORG,
      projectIds: [P1, P2],
    });
  });

  it('orders flag > ATLAS_EXPORTER_ variable > MONGODB_ATLAS_ alias > default', () => {
    const all = {
      ATLAS_EXPORTER_ATLAS_BASE_URL: 'https://exporter.example',
      MONGODB_ATLAS_BASE_URL: 'https://alias.example',
    };
    expect(config(['--atlas.base-url=https://flag.example'], all).atlas.baseUrl).toBe('https://flag.example');
    expect(config([], all).atlas.baseUrl).toBe('https://exporter.example');
    expect(config([], { MONGODB_ATLAS_BASE_URL: 'https://alias.example' }).atlas.baseUrl).toBe(
      'https://alias.example',
    );
    expect(config([], { ATLAS_EXPORTER_LOG_LEVEL: 'error' }).log.level).toBe('error');
    expect(config(['--log.level=debug'], { ATLAS_EXPORTER_LOG_LEVEL: 'error' }).log.level).toBe('debug');
  });

  it('lets a flag override a boolean variable', () => {
    const env = { ATLAS_EXPORTER_COLLECTOR_SNAPSHOT_DETAILS: 'true' };
    expect(config(['--no-collector.snapshot-details'], env).collector['snapshot-details']).toBe(false);
  });

  it('does not validate a variable that a flag overrides', () => {
    expect(config(['--log.level=warn'], { ATLAS_EXPORTER_LOG_LEVEL: 'loud' }).log.level).toBe('warn');
  });

  it('treats an empty variable as unset', () => {
    expect(config([], { ATLAS_EXPORTER_LOG_LEVEL: '', MONGODB_ATLAS_ORG_ID: '' }).log.level).toBe('info');
  });

  it('ignores unrelated ATLAS_EXPORTER_ variables such as Kubernetes service links', () => {
    expect(
      parse([], { ATLAS_EXPORTER_PORT: 'tcp://10.0.0.1:10025', ATLAS_EXPORTER_SERVICE_HOST: '10.0.0.1' })
        .kind,
    ).toBe('run');
  });
});

describe('parseConfig tag labels', () => {
  it('splits commas, repeats and drops duplicates; none by default', () => {
    const c = config(['--atlas.tag-labels=environment, team', '--atlas.tag-labels=team,cost-center']);
    expect(c.atlas.tagLabels).toEqual(['environment', 'team', 'cost-center']);
    expect(config([], { ATLAS_EXPORTER_ATLAS_TAG_LABELS: 'team' }).atlas.tagLabels).toEqual(['team']);
  });

  it('warns once at start when every key is asked for, naming the flag as given', () => {
    const result = parse([], { ATLAS_EXPORTER_ATLAS_TAG_LABELS: '*' });
    if (result.kind !== 'run') throw new Error(result.kind);
    expect(result.config.atlas.tagLabels).toEqual(['*']);
    expect(result.warnings).toEqual([
      expect.stringMatching(/^ATLAS_EXPORTER_ATLAS_TAG_LABELS \(--atlas.tag-labels\) is \*: .*cardinality/),
    ]);
    const named = parse(['--atlas.tag-labels=team']);
    expect(named.kind === 'run' && named.warnings).toEqual([]);
  });
});

describe('parseConfig project ids', () => {
  it('repeats, splits commas and drops duplicates', () => {
    const c = config([`--atlas.project-id=${P1}`, '--atlas.project-id', `${P2},${P1}`]);
    expect(c.atlas.projectIds).toEqual([P1, P2]);
  });

  it('takes the flags over MONGODB_ATLAS_PROJECT_IDS', () => {
    expect(config([`--atlas.project-id=${P2}`], { MONGODB_ATLAS_PROJECT_IDS: P1 }).atlas.projectIds).toEqual([
      P2,
    ]);
  });

  it('accepts an org id together with project ids (the ids win, as the contract says)', () => {
    expect(config([`--atlas.project-id=${P1}`], { MONGODB_ATLAS_ORG_ID: ORG }).atlas).toMatchObject({
      orgId: ORG,
      projectIds: [P1],
    });
  });
});

describe('parseConfig actions', () => {
  it('answers --help with the help text, whatever else is wrong', () => {
    for (const argv of [['--help'], ['-h'], ['--bogus', '--help', '--log.level=loud']]) {
      const result = parse(argv);
      expect(result.kind).toBe('help');
    }
  });

  it('answers --version', () => {
    expect(parse(['--version'])).toEqual({ kind: 'version' });
  });

  it('returns check for --config.check and its variable', () => {
    expect(parse(['--config.check']).kind).toBe('check');
    expect(parse([], { ATLAS_EXPORTER_CONFIG_CHECK: 'true' }).kind).toBe('check');
    expect(parse(['--config.check=false'], { ATLAS_EXPORTER_CONFIG_CHECK: 'true' }).kind).toBe('run');
  });

  it('runs --demo without credentials, and ignores any that are set', () => {
    const bare = parseConfig(['--demo'], {}, noFiles);
    expect(bare.kind === 'run' && bare.config).toMatchObject({ demo: true, credentials: undefined });
    const env = { MONGODB_ATLAS_CLIENT_ID: 'x', MONGODB_ATLAS_CLIENT_SECRET_FILE: '/missing' };
    const broken = parseConfig([], { ...env, ATLAS_EXPORTER_DEMO: 'true' }, noFiles);
    expect(broken.kind === 'run' && broken.config).toMatchObject({ demo: true, credentials: undefined });
  });
});
