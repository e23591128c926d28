import { X509Certificate } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionOptions, TLSSocket } from 'node:tls';
import { fileURLToPath } from 'node:url';
import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { basic } from '../../simulator/test-helpers.js';
import { PLAIN_HTTP_ANSWER } from '../../src/http/tls-server.js';
import { loadWebConfig } from '../../src/http/web-config.js';
import { harnessPerTest } from './harness.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/tls/', import.meta.url));
const CONFIG_FILE = `${FIXTURES}web-config.yml`;
const fixture = (name: string) => readFileSync(`${FIXTURES}${name}`);
const fingerprint = (name: string) => new X509Certificate(fixture(name)).fingerprint256;
const PROMETHEUS = basic('prometheus', 's3cret-scrape');

function loadFrom(files: Record<string, string>) {
  return loadWebConfig('/etc/exporter/web.yml', (path) => {
    const content = files[path];
    if (content === undefined) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
    return Buffer.from(content);
  });
}

const CERTS = {
  '/etc/exporter/c.pem': fixture('server.crt').toString(),
  '/etc/exporter/k.pem': fixture('server.key').toString(),
  '/etc/exporter/ca.pem': fixture('client-ca.crt').toString(),
};
const TLS = 'tls_server_config: {cert_file: c.pem, key_file: k.pem';

describe('--web.config.file', () => {
  it('reads TLS files relative to the config file and the bcrypt users', () => {
    const result = loadWebConfig(CONFIG_FILE, readFileSync);
    expect(result.kind).toBe('ok');
    if (result.kind !== 'ok') return;
    expect(result.config.tls?.cert.toString()).toContain('BEGIN CERTIFICATE');
    expect([...(result.config.basicAuthUsers?.keys() ?? [])]).toEqual(['prometheus']);
    expect([...result.sources.keys()]).toEqual([
      CONFIG_FILE,
      `${FIXTURES}server.crt`,
      `${FIXTURES}server.key`,
    ]);
  });

  it("takes every key exporter-toolkit documents, in Go's words, as Node's", () => {
    const result = loadFrom({
      ...CERTS,
      '/etc/exporter/web.yml': `
tls_server_config:
  cert_file: c.pem
  key: |
${CERTS['/etc/exporter/k.pem'].replace(/^/gm, '    ')}
  client_auth_type: RequireClientCert
  client_ca_file: ca.pem
  client_allowed_sans: [prometheus, 10.0.0.1]
  min_version: TLS12
  max_version: TLS12
  cipher_suites: [TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, TLS_AES_128_GCM_SHA256]
  curve_preferences: [X25519, CurveP256]
  prefer_server_cipher_suites: false
http_server_config:
  http2: false
  headers:
    X-Frame-Options: deny
    Strict-Transport-Security: max-age=31536000
    X-XSS-Protection: ""
rate_limit: {interval: 1s, burst: 5}
basic_auth_users: {}
`,
    });
    expect(result.kind === 'error' ? result.errors : []).toEqual([]);
    if (result.kind !== 'ok') return;
    const { tls, headers, rateLimit, basicAuthUsers } = result.config;
    expect(tls).toMatchObject({
      clientAuth: 'RequireAnyClientCert',
      clientAllowedSans: ['prometheus', '10.0.0.1'],
      minVersion: 'TLSv1.2',
      maxVersion: 'TLSv1.2',
      ciphers:
        'ECDHE-ECDSA-AES128-GCM-SHA256:TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256',
      ecdhCurve: 'X25519:P-256',
      honorCipherOrder: false,
    });
    expect(tls?.clientCa?.toString()).toContain('BEGIN CERTIFICATE');
    expect([...headers]).toEqual([
      ['X-Frame-Options', 'deny'],
      ['Strict-Transport-Security', 'max-age=31536000'],
    ]);
    expect(rateLimit).toEqual({ intervalMs: 1000, burst: 5 });
    expect(basicAuthUsers).toBeUndefined();
  });

  it.each([
    ['not YAML', { '/etc/exporter/web.yml': 'a: [' }, 'cannot read it as YAML'],
    [
      'a key given twice',
      { '/etc/exporter/web.yml': 'rate_limit: {}\nrate_limit: {}' },
      'cannot read it as YAML',
    ],
    ['an unknown key', { '/etc/exporter/web.yml': 'tls_config: {}' }, 'tls_config is not a web config key'],
    [
      'an unknown TLS key',
      { ...CERTS, '/etc/exporter/web.yml': `${TLS}, ca_file: ca.pem}` },
      'tls_server_config.ca_file is not a web config key',
    ],
    [
      'a missing key file',
      { '/etc/exporter/web.yml': 'tls_server_config: {cert_file: c.pem}' },
      'key_file (or inline key) is required',
    ],
    [
      'an unreadable cert',
      { '/etc/exporter/web.yml': `${TLS}}` },
      'tls_server_config.cert_file: cannot read /etc/exporter/c.pem (ENOENT)',
    ],
    [
      'a cert given twice',
      { ...CERTS, '/etc/exporter/web.yml': `${TLS}, cert: x}` },
      'give cert_file or cert, not both',
    ],
    [
      'a TLS version Go does not name',
      { ...CERTS, '/etc/exporter/web.yml': `${TLS}, min_version: TLSv1.2}` },
      'min_version: "TLSv1.2" is not one of TLS10, TLS11, TLS12, TLS13',
    ],
    [
      'versions upside down',
      { ...CERTS, '/etc/exporter/web.yml': `${TLS}, min_version: TLS13, max_version: TLS12}` },
      'min_version is above max_version',
    ],
    [
      'an OpenSSL cipher name',
      { ...CERTS, '/etc/exporter/web.yml': `${TLS}, cipher_suites: [ECDHE-RSA-AES128-GCM-SHA256]}` },
      'cipher_suites: "ECDHE-RSA-AES128-GCM-SHA256" is not one of TLS_RSA_WITH_AES_128_CBC_SHA',
    ],
    [
      'an unknown curve',
      { ...CERTS, '/etc/exporter/web.yml': `${TLS}, curve_preferences: [P-256]}` },
      'curve_preferences: "P-256" is not one of CurveP256, CurveP384, CurveP521, X25519',
    ],
    [
      'an unknown client auth type',
      { ...CERTS, '/etc/exporter/web.yml': `${TLS}, client_auth_type: Always}` },
      'client_auth_type: "Always" is not one of NoClientCert',
    ],
    [
      'client CAs without a client auth type',
      { ...CERTS, '/etc/exporter/web.yml': `${TLS}, client_ca_file: ca.pem}` },
      'client_ca_file is set but client_auth_type is NoClientCert',
    ],
    [
      'TLS options without a certificate',
      { '/etc/exporter/web.yml': 'tls_server_config: {min_version: TLS13}' },
      'TLS options but no cert_file',
    ],
    [
      'a header exporter-toolkit does not allow',
      { '/etc/exporter/web.yml': 'http_server_config: {headers: {Server: x}}' },
      'http_server_config.headers.Server cannot be set',
    ],
    [
      'a header value exporter-toolkit does not allow',
      { '/etc/exporter/web.yml': 'http_server_config: {headers: {X-Frame-Options: allow}}' },
      'X-Frame-Options must be one of deny, sameorigin',
    ],
    [
      'an unknown HTTP key',
      { '/etc/exporter/web.yml': 'http_server_config: {http3: true}' },
      'http_server_config.http3 is not a web config key',
    ],
    [
      'a rate limit that lets nothing through',
      { '/etc/exporter/web.yml': 'rate_limit: {interval: 1s, burst: 0}' },
      'rate_limit.burst must be a whole number of requests, at least 1',
    ],
    [
      'a rate interval that is no duration',
      { '/etc/exporter/web.yml': 'rate_limit: {interval: fast, burst: 1}' },
      'rate_limit.interval: "fast" is not a duration',
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
    ['a missing file', {}, 'cannot read it (ENOENT)'],
  ])('rejects %s with a line naming the flag', (_what, files, message) => {
    const result = loadFrom(files);
    expect(result.kind).toBe('error');
    if (result.kind !== 'error') return;
    expect(result.errors.join('\n')).toContain(message);
    for (const line of result.errors)
      expect(line).toMatch(/^--web\.config\.file \/etc\/exporter\/web\.yml: /);
    expect(result.errors.join('\n')).not.toContain('hunter2');
  });
});

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** the SHA-256 fingerprint of the certificate the server presented */
  fingerprint: string | undefined;
}

/** One GET on a connection of its own, trusting any server certificate (the test compares fingerprints). */
function get(
  url: string,
  headers: Record<string, string> = {},
  tls: ConnectionOptions = {},
): Promise<Answer> {
  const send = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { agent: false, rejectUnauthorized: false, headers, ...tls }, (res) => {
      const fingerprint = (res.socket as TLSSocket).getPeerX509Certificate?.()?.fingerprint256;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, fingerprint }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A folder holding a copy of the test certificates and a web config written by the test. */
function configDir(yaml: string) {
  const dir = mkdtempSync(join(tmpdir(), 'web-config-'));
  for (const name of ['server.crt', 'server.key', 'client-ca.crt'])
    copyFileSync(`${FIXTURES}${name}`, join(dir, name));
  const path = join(dir, 'web.yml');
  writeFileSync(path, yaml);
  return {
    dir,
    path,
    write: (name: string, content: string | Buffer) => writeFileSync(join(dir, name), content),
  };
}

const SERVER_TLS = 'tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n';
const USERS = (users: Record<string, string>) =>
  `basic_auth_users:\n${Object.entries(users)
    .map(([user, hash]) => `  ${user}: ${hash}\n`)
    .join('')}`;
const PROMETHEUS_HASH = '$2b$10$O60vQOT3WF.Xt0Tfp95RCuWn4QM34a9KpFF02RSPF/KwZTJKu7lV2';

describe('the web config, served', () => {
  const start = harnessPerTest();

  it('serves HTTPS and lets in only the right password', async () => {
    const h = await start({ webConfigFile: CONFIG_FILE });
    const url = h.exporter.url;
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:/);
    expect((await get(`${url}/metrics`)).status).toBe(401);
    expect((await get(`${url}/metrics`, { Authorization: basic('prometheus', 'wrong') })).status).toBe(401);
    expect((await get(`${url}/-/healthy`, { Authorization: basic('nobody', 's3cret-scrape') })).status).toBe(
      401,
    );
    const ok = await get(`${url}/metrics`, { Authorization: PROMETHEUS });
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('mongodbatlas_exporter_up');
    expect(ok.fingerprint).toBe(fingerprint('server.crt'));
  });

  it("answers plain HTTP on the TLS port with Go's 400", async () => {
    const h = await start({ webConfigFile: CONFIG_FILE });
    const socket = connect(Number(new URL(h.exporter.url).port), '127.0.0.1');
    socket.end('GET /metrics HTTP/1.1\r\nHost: localhost\r\n\r\n');
    let reply = '';
    for await (const chunk of socket) reply += chunk;
    expect(reply).toBe(PLAIN_HTTP_ANSWER);
    expect(reply).toContain('Client sent an HTTP request to an HTTPS server.');
    // and TLS still works beside it
    expect((await get(`${h.exporter.url}/-/healthy`, { Authorization: PROMETHEUS })).status).toBe(200);
  });

  it('asks Prometheus for a client certificate from the CA, with an allowed SAN', async () => {
    const { path } = configDir(
      `${SERVER_TLS}  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: client-ca.crt\n  client_allowed_sans: [prometheus]\n`,
    );
    const h = await start({ webConfigFile: path });
    const as = (name: string) => ({ cert: fixture(`${name}.crt`), key: fixture(`${name}.key`) });
    const url = `${h.exporter.url}/-/healthy`;
    expect((await get(url, {}, as('client-prometheus'))).status).toBe(200);
    await expect(get(url)).rejects.toThrow();
    await expect(get(url, {}, as('client-intruder'))).rejects.toThrow();
    await expect(get(url, {}, as('impostor'))).rejects.toThrow();
  });

  it('holds clients to the versions, cipher suites and curves it names', async () => {
    const { path } = configDir(
      `${SERVER_TLS}  max_version: TLS12\n  cipher_suites: [TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384]\n  curve_preferences: [CurveP384]\n`,
    );
    const h = await start({ webConfigFile: path });
    const url = `${h.exporter.url}/-/healthy`;
    const req = httpsRequest(url, { agent: false, rejectUnauthorized: false });
    const socket = await new Promise<TLSSocket>((resolve, reject) => {
      req.on('socket', (s) => s.once('secureConnect', () => resolve(s as TLSSocket)));
      req.on('error', reject);
      req.end();
    });
    expect(socket.getProtocol()).toBe('TLSv1.2');
    expect(socket.getCipher().name).toBe('ECDHE-ECDSA-AES256-GCM-SHA384');
    expect(socket.getEphemeralKeyInfo()).toMatchObject({ name: 'secp384r1' });
    req.destroy();
    await expect(
      get(url, {}, { ciphers: 'ECDHE-ECDSA-AES128-GCM-SHA256', maxVersion: 'TLSv1.2' }),
    ).rejects.toThrow();
    await expect(get(url, {}, { ecdhCurve: 'X25519' })).rejects.toThrow();
    await expect(get(url, {}, { minVersion: 'TLSv1.3' })).rejects.toThrow();
  });

  it('sets the headers it allows on every answer, nosniff always, and limits the rate with 429', async () => {
    const { path } = configDir(
      'http_server_config:\n  headers: {X-Frame-Options: deny}\nrate_limit: {interval: 1h, burst: 2}\n',
    );
    const h = await start({ webConfigFile: path });
    const landing = await get(`${h.exporter.url}/`);
    expect(landing.headers['x-frame-options']).toBe('deny');
    expect(landing.headers['x-content-type-options']).toBe('nosniff');
    expect(landing.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(landing.headers['content-security-policy']).not.toMatch(/script-src/);
    const missing = await get(`${h.exporter.url}/nope`);
    expect(missing.status).toBe(404);
    expect(missing.headers['x-frame-options']).toBe('deny');
    const limited = await get(`${h.exporter.url}/-/healthy`);
    expect(limited.status).toBe(429);
    expect(limited.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves a renewed certificate and new users without a restart, and keeps the last good config', async () => {
    const { path, write } = configDir(`${SERVER_TLS}${USERS({ prometheus: PROMETHEUS_HASH })}`);
    const h = await start({ webConfigFile: path });
    const url = `${h.exporter.url}/-/healthy`;
    expect((await get(url, { Authorization: PROMETHEUS })).fingerprint).toBe(fingerprint('server.crt'));

    write('server.crt', fixture('server-renewed.crt'));
    write('server.key', fixture('server-renewed.key'));
    expect((await get(url, { Authorization: PROMETHEUS })).fingerprint).toBe(
      fingerprint('server-renewed.crt'),
    );

    const alice = basic('alice', 'wonderland');
    expect((await get(url, { Authorization: alice })).status).toBe(401);
    write(
      'web.yml',
      `${SERVER_TLS}${USERS({ prometheus: PROMETHEUS_HASH, alice: bcrypt.hashSync('wonderland', 4) })}`,
    );
    expect((await get(url, { Authorization: alice })).status).toBe(200);

    const warnings = () =>
      h.logs.filter((line) => line.level === 'warn' && String(line.msg).includes('web config'));
    write('web.yml', `${SERVER_TLS}${USERS({ alice: 'wonderland' })}`);
    write('server.crt', 'not a certificate');
    for (let i = 0; i < 3; i++) {
      const answer = await get(url, { Authorization: alice });
      expect(answer.status).toBe(200);
      expect(answer.fingerprint).toBe(fingerprint('server-renewed.crt'));
    }
    expect(warnings()).toHaveLength(1);
    expect(JSON.stringify(warnings()[0])).toContain('basic_auth_users.alice must be a bcrypt hash');
    expect(JSON.stringify(h.logs)).not.toContain('wonderland');
  });

  it('asks for client certificates from the next connection once the config says so', async () => {
    const { path, write } = configDir(SERVER_TLS);
    const h = await start({ webConfigFile: path });
    const url = `${h.exporter.url}/-/healthy`;
    expect((await get(url)).status).toBe(200);
    write(
      'web.yml',
      `${SERVER_TLS}  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: client-ca.crt\n`,
    );
    await expect(get(url)).rejects.toThrow();
    const prometheus = { cert: fixture('client-prometheus.crt'), key: fixture('client-prometheus.key') };
    expect((await get(url, {}, prometheus)).status).toBe(200);
  });

  it('answers methods other than GET and HEAD with 405', async () => {
    const h = await start();
    const res = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${h.exporter.url}/metrics`, { method: 'POST' }, (r) => {
        r.resume();
        resolve(r.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('x');
    });
    expect(res).toBe(405);
    const head = await new Promise<IncomingHttpHeaders>((resolve, reject) => {
      const req = httpRequest(`${h.exporter.url}/-/healthy`, { method: 'HEAD' }, (r) => {
        r.resume();
        resolve(r.headers);
      });
      req.on('error', reject);
      req.end();
    });
    expect(head['x-content-type-options']).toBe('nosniff');
  });
});
