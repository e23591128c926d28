import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeConfig } from './describe.js';
import { type ConfigResult, parseConfig } from './parse.js';

const SECRET = 'S3CRET-never-print-me';
const FILES: Record<string, string> = {
  '/run/secrets/id': 'mdb_sa_id_file\n',
  '/run/secrets/secret': `${SECRET}\r\n`,
  '/run/secrets/empty': ' \n',
};

const readFile = (path: string): string => {
  const content = FILES[path];
  if (content !== undefined) return content;
  throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
};

function parse(env: Record<string, string | undefined>, argv: string[] = []): ConfigResult {
  return parseConfig(argv, env, readFile);
}

function credentials(env: Record<string, string | undefined>) {
  const result = parse(env);
  if (result.kind !== 'run') throw new Error(`expected run, got ${JSON.stringify(result)}`);
  return result.config.credentials;
}

function errors(env: Record<string, string | undefined>): string[] {
  const result = parse(env);
  if (result.kind !== 'error') throw new Error(`expected errors, got ${result.kind}`);
  return result.errors;
}

describe('credentials', () => {
  it('reads a service account', () => {
    expect(credentials({ MONGODB_ATLAS_CLIENT_ID: 'id', MONGODB_ATLAS_CLIENT_SECRET: SECRET })).toEqual({
      kind: 'service-account',
      clientId: 'id',
      clientSecret: SECRET,
    });
  });

  it.each([
    ['MONGODB_ATLAS_PUBLIC_API_KEY', 'MONGODB_ATLAS_PRIVATE_API_KEY'],
    ['MONGODB_ATLAS_PUBLIC_KEY', 'MONGODB_ATLAS_PRIVATE_KEY'],
    ['MONGODB_ATLAS_PUBLIC_KEY', 'MONGODB_ATLAS_PRIVATE_API_KEY'],
  ])('reads an API key from %s and %s', (pub, priv) => {
    expect(credentials({ [pub]: 'pub', [priv]: SECRET })).toEqual({
      kind: 'api-key',
      publicKey: 'pub',
      privateKey: SECRET,
    });
  });

  it('accepts both names of an API key when they agree', () => {
    const env = {
      MONGODB_ATLAS_PUBLIC_API_KEY: 'pub',
      MONGODB_ATLAS_PUBLIC_KEY: 'pub',
      MONGODB_ATLAS_PRIVATE_API_KEY: SECRET,
    };
    expect(credentials(env)).toEqual({ kind: 'api-key', publicKey: 'pub', privateKey: SECRET });
  });

  it('reads _FILE variables, trimming the trailing newline', () => {
    const env = {
      MONGODB_ATLAS_CLIENT_ID_FILE: '/run/secrets/id',
      MONGODB_ATLAS_CLIENT_SECRET_FILE: '/run/secrets/secret',
    };
    expect(credentials(env)).toEqual({
      kind: 'service-account',
      clientId: 'mdb_sa_id_file',
      clientSecret: SECRET,
    });
  });

  describe('with a real file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-exporter-config-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('reads it through the injected reader', () => {
      const path = join(dir, 'private-key');
      writeFileSync(path, `${SECRET}\n`, { mode: 0o600 });
      const env = { MONGODB_ATLAS_PUBLIC_API_KEY: 'pub', MONGODB_ATLAS_PRIVATE_API_KEY_FILE: path };
      const result = parseConfig([], env, (p) => readFileSync(p, 'utf8'));
      expect(result.kind === 'run' && result.config.credentials).toEqual({
        kind: 'api-key',
        publicKey: 'pub',
        privateKey: SECRET,
      });
    });

    it('names the variable and path of a missing file', () => {
      const path = join(dir, 'absent');
      const env = { MONGODB_ATLAS_PUBLIC_API_KEY: 'pub', MONGODB_ATLAS_PRIVATE_API_KEY_FILE: path };
      const result = parseConfig([], env, (p) => readFileSync(p, 'utf8'));
      expect(result).toEqual({
        kind: 'error',
        errors: [
          `MONGODB_ATLAS_PRIVATE_API_KEY_FILE: cannot read "${path}" (ENOENT); check the path and its permissions`,
        ],
      });
    });
  });

  it.each([
    [
      { MONGODB_ATLAS_CLIENT_ID: 'id', MONGODB_ATLAS_CLIENT_SECRET_FILE: '/run/secrets/empty' },
      'MONGODB_ATLAS_CLIENT_SECRET_FILE: "/run/secrets/empty" is empty',
    ],
    [
      { MONGODB_ATLAS_CLIENT_ID: 'id', MONGODB_ATLAS_CLIENT_SECRET_FILE: '/nope' },
      'MONGODB_ATLAS_CLIENT_SECRET_FILE: cannot read "/nope" (ENOENT)',
    ],
    [
      {
        MONGODB_ATLAS_CLIENT_ID: 'id',
        MONGODB_ATLAS_CLIENT_SECRET: SECRET,
        MONGODB_ATLAS_CLIENT_SECRET_FILE: '/run/secrets/secret',
      },
      'MONGODB_ATLAS_CLIENT_SECRET and MONGODB_ATLAS_CLIENT_SECRET_FILE are both set; set only one',
    ],
    [
      { MONGODB_ATLAS_CLIENT_ID: 'id' },
      'MONGODB_ATLAS_CLIENT_SECRET is not set: a service account needs both',
    ],
    [{ MONGODB_ATLAS_CLIENT_SECRET: SECRET }, 'MONGODB_ATLAS_CLIENT_ID is not set'],
    [{ MONGODB_ATLAS_PRIVATE_KEY: SECRET }, 'MONGODB_ATLAS_PUBLIC_API_KEY is not set: an API key needs both'],
    [{ MONGODB_ATLAS_PUBLIC_KEY: 'pub' }, 'MONGODB_ATLAS_PRIVATE_API_KEY is not set'],
    [
      {
        MONGODB_ATLAS_PUBLIC_KEY: 'pub',
        MONGODB_ATLAS_PRIVATE_KEY: SECRET,
        MONGODB_ATLAS_PRIVATE_API_KEY: 'other',
      },
      'MONGODB_ATLAS_PRIVATE_API_KEY and MONGODB_ATLAS_PRIVATE_KEY are both set and differ; set only one',
    ],
    [
      {
        MONGODB_ATLAS_CLIENT_ID: 'id',
        MONGODB_ATLAS_CLIENT_SECRET: SECRET,
        MONGODB_ATLAS_PUBLIC_API_KEY: 'pub',
        MONGODB_ATLAS_PRIVATE_API_KEY: SECRET,
      },
      'set either a service account (MONGODB_ATLAS_CLIENT_ID, MONGODB_ATLAS_CLIENT_SECRET) or an API key',
    ],
    [{}, 'no Atlas credentials: set MONGODB_ATLAS_CLIENT_ID and MONGODB_ATLAS_CLIENT_SECRET'],
    [{ MONGODB_ATLAS_CLIENT_ID: '', MONGODB_ATLAS_CLIENT_SECRET: '  ' }, 'or run with --demo'],
  ])('rejects %j', (env, message) => {
    const found = errors(env);
    expect(found).toEqual([expect.stringContaining(message)]);
    expect(found.join('\n')).not.toContain(SECRET);
  });
});

describe('secrets', () => {
  it('never appear in describeConfig', () => {
    for (const env of [
      { MONGODB_ATLAS_CLIENT_ID: 'id', MONGODB_ATLAS_CLIENT_SECRET: SECRET },
      { MONGODB_ATLAS_PUBLIC_KEY: 'pub', MONGODB_ATLAS_PRIVATE_KEY_FILE: '/run/secrets/secret' },
    ]) {
      const result = parse(env);
      if (result.kind !== 'run') throw new Error(result.kind);
      expect(JSON.stringify(describeConfig(result.config))).not.toContain(SECRET);
    }
  });

  it('shows the kind and the public half', () => {
    const result = parse({ MONGODB_ATLAS_CLIENT_ID: 'id', MONGODB_ATLAS_CLIENT_SECRET: SECRET });
    if (result.kind !== 'run') throw new Error(result.kind);
    expect(describeConfig(result.config).credentials).toEqual({
      kind: 'service-account',
      clientId: 'id',
      clientSecret: '<secret>',
    });
  });

  it('never appear in any error, whatever else is wrong', () => {
    const env = {
      MONGODB_ATLAS_CLIENT_ID: SECRET,
      MONGODB_ATLAS_CLIENT_SECRET_FILE: '/run/secrets/secret',
      MONGODB_ATLAS_PRIVATE_KEY: SECRET,
      ATLAS_EXPORTER_LOG_LEVEL: 'loud',
    };
    const argv = [
      `--atlas.client-secret=${SECRET}`,
      '--atlas.api-key',
      SECRET,
      `--atlas.base-url=https://u:${SECRET}@x`,
    ];
    const result = parse(env, argv);
    expect(result.kind).toBe('error');
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });
});

describe('describeConfig', () => {
  it('gives the effective config by flag name, durations and regexes as text', () => {
    const argv = [
      '--atlas.cluster-include=prod-.*',
      '--atlas.cache-ttl=90s',
      '--atlas.project-id=0123456789abcdef01234567',
    ];
    const result = parse({}, [...argv, '--demo']);
    if (result.kind !== 'run') throw new Error(result.kind);
    expect(describeConfig(result.config)).toEqual({
      'web.listen-address': ':10025',
      'web.telemetry-path': '/metrics',
      'web.config.file': null,
      'log.level': 'info',
      'log.format': 'json',
      'atlas.base-url': 'http://127.0.0.1:<port chosen at start> (the built-in simulator)',
      'atlas.org-id': null,
      'atlas.project-id': ['0123456789abcdef01234567'],
      'atlas.cluster-kinds': ['flex', 'serverless', 'dedicated'],
      'atlas.cluster-include': '^(?:prod-.*)$',
      'atlas.cluster-exclude': null,
      'atlas.cache-ttl': '1m30s',
      'atlas.refresh-mode': 'on-scrape',
      'atlas.max-concurrency': 4,
      'atlas.request-timeout': '30s',
      'atlas.max-retries': 3,
      'atlas.stale-after': '1h',
      'atlas.snapshot-recheck-interval': '1h',
      'atlas.tag-labels': [],
      'atlas.events-lookback': '1w',
      'collector.snapshot-details': false,
      'collector.restore-jobs': true,
      'collector.exports': true,
      'collector.online-archives': true,
      'shard.index': 0,
      'shard.total': 1,
      demo: true,
      credentials: null,
      proxy: null,
      NODE_EXTRA_CA_CERTS: null,
    });
  });
});

describe('the demo', () => {
  it('shows the simulator as its Atlas, not cloud.mongodb.com', () => {
    const result = parse({}, ['--demo']);
    if (result.kind !== 'run') throw new Error(result.kind);
    expect(describeConfig(result.config)['atlas.base-url']).toBe(
      'http://127.0.0.1:<port chosen at start> (the built-in simulator)',
    );
    expect(describeConfig(result.config, 'http://127.0.0.1:40123')['atlas.base-url']).toBe(
      'http://127.0.0.1:40123',
    );
  });
});
