import { describe, expect, it } from 'vitest';
import { describeConfig } from './describe.js';
import { type ConfigResult, parseConfig } from './parse.js';

const CREDS = { MONGODB_ATLAS_CLIENT_ID: 'mdb_sa_id_1', MONGODB_ATLAS_CLIENT_SECRET: 'mdb_sa_sk_1' };
const PASSWORD = 'pr0xy-Secret';

function parse(env: Record<string, string>, argv: string[] = []): ConfigResult {
  return parseConfig(argv, { ...CREDS, ...env }, () => {
    throw new Error('no files');
  });
}

/** The proxy URL chosen for Atlas (credentials included), or undefined for none. */
function proxyOf(env: Record<string, string>, base = 'https://cloud.mongodb.com'): string | undefined {
  const result = parse(env, [`--atlas.base-url=${base}`]);
  if (result.kind !== 'run') throw new Error(JSON.stringify(result));
  return result.config.atlas.proxy?.url.href;
}

describe('the proxy for Atlas', () => {
  it('is HTTPS_PROXY for an https Atlas and HTTP_PROXY for an http one, upper case first', () => {
    const env = { HTTPS_PROXY: 'http://secure:3128', HTTP_PROXY: 'http://plain:3128' };
    expect(proxyOf(env)).toBe('http://secure:3128/');
    expect(proxyOf(env, 'http://127.0.0.1:8080')).toBe('http://plain:3128/');
    expect(proxyOf({ https_proxy: 'http://lower:1' })).toBe('http://lower:1/');
    expect(proxyOf({ HTTPS_PROXY: 'http://upper:1', https_proxy: 'http://lower:1' })).toBe('http://upper:1/');
    // As Go and curl: an https target does not take HTTP_PROXY.
    expect(proxyOf({ HTTP_PROXY: 'http://plain:3128' })).toBeUndefined();
    expect(proxyOf({ HTTPS_PROXY: '' })).toBeUndefined();
  });

  it('reads a proxy without a scheme as an http proxy', () => {
    expect(proxyOf({ HTTPS_PROXY: 'proxy.corp:3128' })).toBe('http://proxy.corp:3128/');
  });

  it('proxies loopback too, unless NO_PROXY names it', () => {
    const proxy = { HTTP_PROXY: 'http://proxy:3128' };
    expect(proxyOf(proxy, 'http://127.0.0.1:8080')).toBe('http://proxy:3128/');
    expect(proxyOf(proxy, 'http://localhost:8080')).toBe('http://proxy:3128/');
    expect(proxyOf({ ...proxy, NO_PROXY: 'localhost,127.0.0.1' }, 'http://127.0.0.1:8080')).toBeUndefined();
    expect(proxyOf({ ...proxy, no_proxy: '127.0.0.0/8' }, 'http://127.0.0.1:8080')).toBeUndefined();
    expect(proxyOf({ ...proxy, NO_PROXY: '::1' }, 'http://[::1]:8080')).toBeUndefined();
    expect(proxyOf({ ...proxy, NO_PROXY: '[::1]:8080' }, 'http://[::1]:8080')).toBeUndefined();
  });

  it.each([
    ['*', true],
    ['cloud.mongodb.com', true],
    ['mongodb.com', true],
    ['.mongodb.com', true],
    ['*.mongodb.com', true],
    ['CLOUD.MongoDB.com', true],
    ['cloud.mongodb.com:443', true],
    ['cloud.mongodb.com:8443', false],
    ['other.com, cloud.mongodb.com', true],
    ['other.com cloud.mongodb.com', true],
    ['mongodb.co', false],
    ['oud.mongodb.com', false],
    ['10.0.0.0/8', false],
  ])('NO_PROXY=%j bypasses the proxy for cloud.mongodb.com: %s', (noProxy, bypassed) => {
    const chosen = proxyOf({ HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: noProxy });
    expect(chosen === undefined).toBe(bypassed);
  });

  it('refuses a proxy that is not a URL or not http(s), in one line without its password', () => {
    for (const value of [`socks5://u:${PASSWORD}@proxy:1080`, `http://u:${PASSWORD}@[bad`]) {
      const result = parse({ HTTPS_PROXY: value });
      expect(result.kind).toBe('error');
      if (result.kind !== 'error') return;
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]).toMatch(/^HTTPS_PROXY: /);
      expect(result.errors[0]).not.toContain(PASSWORD);
    }
  });

  it('is shown with its host and the variable, its credentials masked, and never in the demo', () => {
    const env = {
      HTTPS_PROXY: `http://proxyuser:${PASSWORD}@proxy.corp:3128`,
      NODE_EXTRA_CA_CERTS: '/etc/ca.pem',
    };
    const result = parse(env);
    if (result.kind !== 'run') throw new Error(result.kind);
    const shown = describeConfig(result.config);
    expect(shown.proxy).toBe('http://<secret>@proxy.corp:3128 (HTTPS_PROXY)');
    expect(shown.NODE_EXTRA_CA_CERTS).toBe('/etc/ca.pem');
    expect(JSON.stringify(shown)).not.toContain(PASSWORD);
    expect(JSON.stringify(shown)).not.toContain('proxyuser');
    const demo = parse(env, ['--demo']);
    if (demo.kind !== 'run') throw new Error(demo.kind);
    expect(describeConfig(demo.config).proxy).toBeNull();
  });
});
