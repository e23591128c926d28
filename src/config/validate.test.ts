import { describe, expect, it } from 'vitest';
import { parseConfig } from './parse.js';

const CREDS = { MONGODB_ATLAS_CLIENT_ID: 'mdb_sa_id_1', MONGODB_ATLAS_CLIENT_SECRET: 'mdb_sa_sk_1' };

const readFile = (path: string): string => {
  if (path === '/etc/web.yml') return 'basic_auth_users: {}\n';
  throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' });
};

function errors(argv: string[], env: Record<string, string | undefined> = {}): string[] {
  const result = parseConfig(argv, { ...CREDS, ...env }, readFile);
  if (result.kind !== 'error') throw new Error(`expected errors, got ${result.kind}`);
  return result.errors;
}

describe('parseConfig validation', () => {
  it.each([
    ['--web.listen-address=10025', 'use [host]:port'],
    ['--web.listen-address=:65536', 'out of range'],
    ['--web.listen-address=::1:9000', 'brackets'],
    ['--web.listen-address=[nope]:9000', 'not an IPv6 address'],
    ['--web.listen-address=bad host:9000', 'not a host name'],
    ['--web.telemetry-path=metrics', 'start it with /'],
    ['--web.telemetry-path=/', 'is taken'],
    ['--web.telemetry-path=/-/healthy', 'is taken'],
    ['--web.telemetry-path=/-/ready', 'is taken'],
    ['--web.config.file=/etc/missing.yml', 'cannot read "/etc/missing.yml" (EACCES)'],
    ['--log.level=trace', 'not one of debug, info, warn, error'],
    ['--log.format=text', 'not one of json, logfmt'],
    ['--atlas.base-url=cloud.mongodb.com', 'not an absolute URL'],
    ['--atlas.base-url=ftp://cloud.mongodb.com', 'start it with https://'],
    ['--atlas.base-url=https://cloud.mongodb.com?x=1', 'query'],
    ['--atlas.base-url=https://cloud.mongodb.com/#top', 'fragment'],
    ['--atlas.org-id=5F1E2D3C4B5A69788796A5B4', '24 lowercase hexadecimal'],
    ['--atlas.org-id=', 'not an Atlas id'],
    ['--atlas.project-id=123', '24 lowercase hexadecimal'],
    ['--atlas.project-id=', 'empty; give a project id'],
    ['--atlas.cluster-kinds=shared', '"shared" is not a cluster kind; supported: flex,serverless,dedicated'],
    ['--atlas.cluster-kinds=flexx', '"flexx" is not a cluster kind; supported: flex,serverless,dedicated'],
    ['--atlas.cluster-kinds=,', 'empty; list at least one'],
    ['--atlas.cluster-include=(', 'not a valid regular expression'],
    ['--atlas.cluster-exclude=[', 'not a valid regular expression'],
    ['--atlas.cluster-include=', 'empty'],
    ['--atlas.cache-ttl=5', 'not a duration; write a number with a unit'],
    ['--atlas.cache-ttl=-5m', 'not a duration'],
    ['--atlas.cache-ttl=500ms', 'too short; use at least 1s'],
    ['--atlas.cache-ttl=30d', 'too long; use at most 24d'],
    ['--atlas.refresh-mode=always', 'not one of on-scrape, background'],
    ['--atlas.max-concurrency=0', 'not an integer from 1 to 64'],
    ['--atlas.max-concurrency=65', 'not an integer from 1 to 64'],
    ['--atlas.max-concurrency=2.5', 'not an integer from 1 to 64'],
    ['--atlas.request-timeout=50ms', 'at least 100ms'],
    ['--atlas.request-timeout=', 'not a duration'],
    ['--atlas.max-retries=11', 'not an integer from 0 to 10'],
    ['--atlas.max-retries=-1', 'not an integer from 0 to 10'],
    ['--atlas.stale-after=1m', 'must be at least --atlas.cache-ttl'],
    ['--atlas.snapshot-recheck-interval=1', 'not a duration'],
    ['--collector.snapshot-details=yes', 'not a boolean; use true or false'],
  ])('rejects %s', (arg, message) => {
    const flag = arg.slice(0, arg.indexOf('='));
    const found = errors([arg]);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(`${flag}: `);
    expect(found[0]).toContain(message);
  });

  it('accepts a readable web config file', () => {
    const result = parseConfig(['--web.config.file=/etc/web.yml'], CREDS, readFile);
    expect(result.kind === 'run' && result.config.web.configFile).toBe('/etc/web.yml');
  });

  it('accepts the edges of each range', () => {
    const argv = [
      '--atlas.cache-ttl=1s',
      '--atlas.stale-after=1s',
      '--atlas.request-timeout=100ms',
      '--atlas.max-concurrency=64',
      '--atlas.max-retries=10',
      '--atlas.snapshot-recheck-interval=0',
      '--web.listen-address=:0',
    ];
    expect(parseConfig(argv, CREDS, readFile).kind).toBe('run');
  });

  it('never quotes a base URL, which may hold a password', () => {
    const [message] = errors(['--atlas.base-url=https://user:hunter2@cloud.mongodb.com']);
    expect(message).toContain('--atlas.base-url: credentials do not belong in the URL');
    expect(message).not.toContain('hunter2');
  });

  it('names the variable and the flag when the value came from the environment', () => {
    expect(errors([], { ATLAS_EXPORTER_ATLAS_CACHE_TTL: '5' })).toEqual([
      expect.stringMatching(/^ATLAS_EXPORTER_ATLAS_CACHE_TTL \(--atlas\.cache-ttl\): "5" is not a duration/),
    ]);
    expect(errors([], { MONGODB_ATLAS_PROJECT_IDS: 'nope' })).toEqual([
      expect.stringMatching(/^MONGODB_ATLAS_PROJECT_IDS \(--atlas\.project-id\): "nope" is not an Atlas id/),
    ]);
  });

  it('refuses a shard index outside 0..total-1 in one line', () => {
    expect(errors(['--shard.index=3', '--shard.total=3'])).toEqual([
      '--shard.index: 3 is outside 0..2 (--shard.total is 3); number the shards from 0',
    ]);
    expect(errors(['--shard.index=1'], { ATLAS_EXPORTER_SHARD_TOTAL: '1' })).toEqual([
      '--shard.index: 1 is outside 0..0 (ATLAS_EXPORTER_SHARD_TOTAL (--shard.total) is 1); number the shards from 0',
    ]);
    expect(errors(['--shard.total=0'])).toEqual([
      expect.stringContaining('--shard.total: "0" is not an integer'),
    ]);
    expect(errors(['--shard.index=-1'])).toEqual([
      expect.stringContaining('--shard.index: "-1" is not an integer'),
    ]);
  });

  it('checks stale-after against a cache-ttl from the environment', () => {
    expect(errors([], { ATLAS_EXPORTER_ATLAS_CACHE_TTL: '2h' })).toEqual([
      expect.stringContaining(
        '--atlas.stale-after: must be at least ATLAS_EXPORTER_ATLAS_CACHE_TTL (--atlas.cache-ttl)',
      ),
    ]);
  });

  it('reports every problem at once, one line each', () => {
    const found = errors(
      [
        '--log.level=loud',
        '--atlas.cache-ttl=5',
        '--atlas.max-concurrency=0',
        '--atlas.project-id=x',
        '--atlas.project-id=y',
        '--web.telemetry-path=/',
        '--atlas.cluster-kinds=shared',
      ],
      { ATLAS_EXPORTER_LOG_FORMAT: 'xml', MONGODB_ATLAS_CLIENT_SECRET: '' },
    );
    expect(found).toHaveLength(9);
    for (const line of found) expect(line).not.toContain('\n');
    expect(found.at(-1)).toContain('MONGODB_ATLAS_CLIENT_SECRET is not set');
  });
});

describe('parseConfig command line errors', () => {
  it('names an unknown flag and suggests the closest', () => {
    expect(errors(['--atlas.cache-tl=5m'])).toEqual([
      'unknown flag --atlas.cache-tl; did you mean --atlas.cache-ttl?',
    ]);
    expect(errors(['--cache-ttl', '5m'])).toEqual([
      'unknown flag --cache-ttl; did you mean --atlas.cache-ttl?',
    ]);
    expect(errors(['--foo'])).toEqual(['unknown flag --foo; see --help']);
  });

  it('says flags take two dashes when one is given with one', () => {
    expect(errors(['-web.listen-address=:9000'])).toEqual([
      '-web.listen-address: flags take two dashes; use --web.listen-address',
    ]);
    expect(errors(['-demo'])).toEqual(['-demo: flags take two dashes; use --demo']);
    expect(errors(['-no-demo'])).toEqual(['-no-demo: flags take two dashes; use --no-demo']);
    expect(errors(['-foo'])).toEqual(['unknown flag --foo; see --help']);
  });

  it('names the collector flags the registry has for an unknown one', () => {
    const [line, ...rest] = errors(['--collector.nonesuch']);
    expect(rest).toEqual([]);
    expect(line).toMatch(
      /^unknown flag --collector\.nonesuch: no such collector flag; there are --collector\./,
    );
    for (const name of ['--collector.snapshot-details', '--collector.restore-jobs'])
      expect(line).toContain(name);
    expect(errors(['--collector.restore-job'])).toEqual([
      'unknown flag --collector.restore-job; did you mean --collector.restore-jobs?',
    ]);
  });

  it('sends a credential given as a flag to the environment, without echoing it', () => {
    for (const argv of [['--atlas.client-secret=hunter2'], ['--atlas.private-key', 'hunter2']]) {
      const found = errors(argv);
      expect(found).toHaveLength(1);
      expect(found[0]).toContain('credentials are read only from the environment or files');
      expect(found.join('\n')).not.toContain('hunter2');
    }
  });

  it('rejects a missing value, a repeated flag and a positional argument', () => {
    expect(errors(['--log.level'])).toEqual(['--log.level needs a value, e.g. --log.level=LEVEL']);
    expect(errors(['--log.level', '--demo'])).toEqual(['--log.level needs a value, e.g. --log.level=LEVEL']);
    expect(errors(['--log.level=info', '--log.level=warn'])).toEqual([
      '--log.level is given more than once; give it once',
    ]);
    expect(errors(['serve'])).toEqual(['unexpected argument "serve": flags start with --; see --help']);
  });
});

describe('parseConfig unknown ATLAS_EXPORTER_ variables', () => {
  function warnings(env: Record<string, string>): readonly string[] {
    const result = parseConfig([], { ...CREDS, ...env }, readFile);
    if (result.kind !== 'run') throw new Error(`expected run, got ${result.kind}`);
    return result.warnings;
  }

  it('warns of each, with the variable most likely meant, and never shows a value', () => {
    const lines = warnings({
      ATLAS_EXPORTER_ATLAS_CACHE_TL: '1m',
      ATLAS_EXPORTER_CACHE_TTL: '2m',
      ATLAS_EXPORTER_LOG_LEVLE: 'debug',
      ATLAS_EXPORTER_CLIENT_SECRET: 'mdb_sa_sk_typed_here',
      ATLAS_EXPORTER_FOO: 'bar',
      ATLAS_EXPORTER_LOG_LEVEL: 'info',
      OTHER_TOOL_CACHE_TTL: '1m',
    });
    expect(lines).toEqual([
      'ATLAS_EXPORTER_ATLAS_CACHE_TL: no flag reads it, ignored; did you mean ATLAS_EXPORTER_ATLAS_CACHE_TTL (--atlas.cache-ttl)?',
      'ATLAS_EXPORTER_CACHE_TTL: no flag reads it, ignored; did you mean ATLAS_EXPORTER_ATLAS_CACHE_TTL (--atlas.cache-ttl)?',
      'ATLAS_EXPORTER_CLIENT_SECRET: no flag reads it, ignored: credentials are read from MONGODB_ATLAS_* variables only; see --help',
      'ATLAS_EXPORTER_FOO: no flag reads it, ignored; see --help',
      'ATLAS_EXPORTER_LOG_LEVLE: no flag reads it, ignored; did you mean ATLAS_EXPORTER_LOG_LEVEL (--log.level)?',
    ]);
    expect(lines.join('\n')).not.toMatch(/mdb_sa_sk|bar|1m/);
  });

  it("leaves alone the healthcheck probe's variables, which share the container's environment", () => {
    expect(
      warnings({
        ATLAS_EXPORTER_HEALTHCHECK_USERNAME: 'prometheus',
        ATLAS_EXPORTER_HEALTHCHECK_PASSWORD_FILE: '/run/secrets/probe-password',
      }),
    ).toEqual([]);
  });

  it('says nothing of the variables of every flag', () => {
    expect(
      warnings({ ATLAS_EXPORTER_LOG_LEVEL: 'warn', ATLAS_EXPORTER_ATLAS_PROJECT_ID: 'a'.repeat(24) }),
    ).toEqual([]);
  });
});

describe('parseConfig warnings of settings that are valid but risky', () => {
  const ORG = '0123456789abcdef01234567';
  const PROJECT = 'abcdef0123456789abcdef01';
  function warnings(argv: string[], env: Record<string, string> = {}): readonly string[] {
    const result = parseConfig(argv, { ...CREDS, ...env }, readFile);
    if (result.kind !== 'run') throw new Error(`expected run, got ${result.kind}`);
    return result.warnings;
  }

  it('says --atlas.org-id is ignored next to --atlas.project-id', () => {
    expect(warnings([`--atlas.org-id=${ORG}`, `--atlas.project-id=${PROJECT}`])).toEqual([
      '--atlas.org-id is ignored: --atlas.project-id names the projects to read, whatever their organisation; leave one of them out',
    ]);
    expect(warnings([`--atlas.project-id=${PROJECT}`], { MONGODB_ATLAS_ORG_ID: ORG })).toEqual([
      expect.stringMatching(/^MONGODB_ATLAS_ORG_ID \(--atlas\.org-id\) is ignored: /),
    ]);
    expect(warnings([`--atlas.org-id=${ORG}`])).toEqual([]);
  });

  it('warns of an http:// Atlas that is not loopback, where the secret would travel in clear text', () => {
    expect(warnings(['--atlas.base-url=http://atlas.example.com:8080'])).toEqual([
      '--atlas.base-url is http:// to atlas.example.com:8080: the credentials would travel in clear text; use https://',
    ]);
    for (const url of [
      'http://127.0.0.1:9000',
      'http://[::1]:9000',
      'http://localhost',
      'https://atlas.example.com',
    ]) {
      expect(warnings([`--atlas.base-url=${url}`])).toEqual([]);
    }
    // The demo reads its simulator, never the URL.
    expect(warnings(['--demo', '--atlas.base-url=http://atlas.example.com'])).toEqual([]);
  });
});
