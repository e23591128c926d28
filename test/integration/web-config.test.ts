import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { describe, expect, it } from 'vitest';
import { basic } from '../../simulator/test/helpers.js';
import { loadWebConfig } from '../../src/http/web-config.js';
import { harnessPerTest } from './harness.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/tls/', import.meta.url));
const CONFIG_FILE = `${FIXTURES}web-config.yml`;

function loadFrom(files: Record<string, string>) {
  return loadWebConfig('/etc/exporter/web.yml', (path) => {
    const content = files[path];
    if (content === undefined) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
    return Buffer.from(content);
  });
}

describe('--web.config.file', () => {
  it('reads TLS files relative to the config file and the bcrypt users', () => {
    const result = loadWebConfig(CONFIG_FILE, readFileSync);
    expect(result.kind).toBe('ok');
    if (result.kind !== 'ok') return;
    expect(result.config.tls?.cert.toString()).toContain('BEGIN CERTIFICATE');
    expect([...(result.config.basicAuthUsers?.keys() ?? [])]).toEqual(['prometheus']);
  });

  it.each([
    ['not YAML', { '/etc/exporter/web.yml': 'a: [' }, 'cannot read it as YAML'],
    [
      'an unknown key',
      { '/etc/exporter/web.yml': 'http_server_config: {}' },
      'http_server_config is not supported',
    ],
    [
      'a missing key file',
      { '/etc/exporter/web.yml': 'tls_server_config: {cert_file: c.pem}' },
      'key_file is required',
    ],
    [
      'an unreadable cert',
      { '/etc/exporter/web.yml': 'tls_server_config: {cert_file: c.pem, key_file: k.pem}' },
      'cannot read /etc/exporter/c.pem (ENOENT)',
    ],
    [
      'a plain-text password',
      { '/etc/exporter/web.yml': 'basic_auth_users: {alice: hunter2}' },
      'basic_auth_users.alice must be a bcrypt hash',
    ],
    [
      'a $2x$ hash, which bcryptjs cannot check',
      { '/etc/exporter/web.yml': `basic_auth_users: {alice: '$2x$10$${'a'.repeat(53)}'}` },
      'basic_auth_users.alice must be a bcrypt hash',
    ],
    ['a missing file', {}, 'cannot read it as YAML (ENOENT)'],
  ])('rejects %s with a line naming the flag', (_what, files, message) => {
    const result = loadFrom(files);
    expect(result.kind).toBe('error');
    if (result.kind !== 'error') return;
    expect(result.errors.join('\n')).toContain(message);
    for (const line of result.errors) expect(line).toMatch(/^--web\.config\.file /);
    expect(result.errors.join('\n')).not.toContain('hunter2');
  });
});

describe('TLS and basic auth, over real HTTPS', () => {
  const start = harnessPerTest();

  it('serves HTTPS and lets in only the right password', async () => {
    const loaded = loadWebConfig(CONFIG_FILE, readFileSync);
    if (loaded.kind !== 'ok') throw new Error('fixture');
    const trusting = new Agent({ connect: { ca: readFileSync(`${FIXTURES}server.crt`) } });
    const harness = await start({ webConfig: loaded.config, dispatcher: trusting });
    expect(harness.exporter.url).toMatch(/^https:\/\/127\.0\.0\.1:/);

    expect((await harness.get('/metrics')).status).toBe(401);
    expect((await harness.get('/metrics', { Authorization: basic('prometheus', 'wrong') })).status).toBe(401);
    expect(
      (await harness.get('/-/healthy', { Authorization: basic('nobody', 's3cret-scrape') })).status,
    ).toBe(401);
    const ok = await harness.get('/metrics', { Authorization: basic('prometheus', 's3cret-scrape') });
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('mongodbatlas_exporter_up 1');

    const plain = harness.exporter.url.replace('https:', 'http:');
    await expect(request(`${plain}/-/healthy`)).rejects.toThrow();
  });

  it('answers methods other than GET and HEAD with 405', async () => {
    const harness = await start();
    const res = await request(`${harness.exporter.url}/metrics`, { method: 'POST', body: 'x' });
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
    await res.body.dump();
    const head = await request(`${harness.exporter.url}/-/healthy`, { method: 'HEAD' });
    expect(head.statusCode).toBe(200);
    await head.body.dump();
  });
});
