import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../simulator/index.js';
import { hasBinary } from '../e2e/binaries.js';
import { freePort, waitFor } from '../e2e/processes.js';
import { harnessPerTest, sample } from './harness.js';
import { startTinyproxy, TINYPROXY, type Tinyproxy } from './tinyproxy.js';

/** The built entry point: NODE_EXTRA_CA_CERTS is read when Node starts, so only a process shows it. */
const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
const TLS = fileURLToPath(new URL('../fixtures/tls/', import.meta.url));
/** A self-signed certificate for 127.0.0.1: the private CA and Atlas's certificate in one. */
const PRIVATE_CA = `${TLS}server.crt`;
const tls = { key: readFileSync(`${TLS}server.key`), cert: readFileSync(PRIVATE_CA) };
const AUTH = { user: 'proxyuser', password: 's3cret-Pass' };
/** The proxy's URL with the user and this password, or with no credentials at all. */
const withAuth = (proxy: Tinyproxy, password: string | null = AUTH.password) =>
  password === null ? proxy.url : `http://${AUTH.user}:${password}@127.0.0.1:${proxy.port}`;

const start = harnessPerTest();
const open: Array<{ close(): Promise<void> }> = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await Promise.all(open.splice(0).map((item) => item.close()));
});

async function proxy(options: Parameters<typeof startTinyproxy>[0] = {}): Promise<Tinyproxy> {
  const started = await startTinyproxy(options);
  open.push(started);
  return started;
}

async function tlsSimulator(): Promise<Simulator> {
  const sim = await startSimulator({ tls });
  open.push(sim);
  return sim;
}

/** The one WARN of a failed refresh; the password must be in no log line. */
function oneWarning(logs: Array<Record<string, unknown>>, rawLogs: string[]): Record<string, unknown> {
  const warnings = logs.filter((line) => line.level === 'warn');
  expect(warnings).toHaveLength(1);
  expect(rawLogs.join('')).not.toContain(AUTH.password);
  return warnings[0] ?? {};
}

describe.skipIf(!hasBinary(TINYPROXY, 'apt-get install tinyproxy'))('Atlas through a real proxy', () => {
  it('forwards every request to an http Atlas through HTTP_PROXY, the token request included', async () => {
    const tiny = await proxy();
    const h = await start({ env: { HTTP_PROXY: tiny.url } });
    const { body } = await h.scrape();
    expect(sample(body, 'mongodbatlas_exporter_up')).toBe(1);
    const origin = h.sim.url;
    const seen = tiny.requests();
    expect(seen).toContain(`POST ${origin}/api/oauth/token HTTP/1.1`);
    expect(seen.some((line) => line.startsWith(`GET ${origin}/api/atlas/v2/groups?`))).toBe(true);
    expect(seen).toHaveLength(h.sim.requests.length);
  });

  it('goes straight to Atlas when NO_PROXY names it, and the proxy sees nothing', async () => {
    const tiny = await proxy();
    const h = await start({ env: { HTTP_PROXY: tiny.url, NO_PROXY: 'localhost,127.0.0.1' } });
    expect(sample((await h.scrape()).body, 'mongodbatlas_exporter_up')).toBe(1);
    expect(tiny.requests()).toEqual([]);
  });

  it('passes proxy basic auth; none is one WARN naming the proxy, counted as a network error', async () => {
    const tiny = await proxy({ auth: AUTH });
    const good = await start({ env: { HTTP_PROXY: withAuth(tiny) } });
    expect(sample((await good.scrape()).body, 'mongodbatlas_exporter_up')).toBe(1);

    const bad = await start({ env: { HTTP_PROXY: tiny.url }, args: ['--atlas.max-retries=0'] });
    const { body } = await bad.scrape();
    expect(sample(body, 'mongodbatlas_exporter_up')).toBe(0);
    const code = { endpoint: 'oauth_token', code: 'network_error' };
    expect(sample(body, 'mongodbatlas_exporter_api_requests_total', code)).toBe(1);
    const warning = oneWarning(bad.logs, bad.rawLogs);
    expect(warning.error).toContain(
      `the proxy 127.0.0.1:${tiny.port} (HTTP_PROXY) refused the request with HTTP 407: check the user and password`,
    );
  });

  it.each([
    ['407, no credentials', { auth: AUTH }, null, 407],
    ['401, a wrong password (as tinyproxy answers it)', { auth: AUTH }, 'wrong-Pass', 401],
    ['403, a host it does not allow', { connectPort: 1 }, AUTH.password, 403],
  ])(
    'says which proxy refused a CONNECT to an https Atlas with %s',
    async (_what, options, password, status) => {
      const tiny = await proxy(options);
      const sim = await tlsSimulator();
      const h = await start({
        simulator: sim,
        env: { HTTPS_PROXY: withAuth(tiny, password) },
        args: ['--atlas.max-retries=0'],
      });
      const { body } = await h.scrape();
      expect(sample(body, 'mongodbatlas_exporter_up')).toBe(0);
      const code = { endpoint: 'oauth_token', code: 'network_error' };
      expect(sample(body, 'mongodbatlas_exporter_api_requests_total', code)).toBe(1);
      const warning = oneWarning(h.logs, h.rawLogs);
      expect(warning.error).toContain(
        `the proxy 127.0.0.1:${tiny.port} (HTTPS_PROXY) refused the request with HTTP ${status}`,
      );
      expect(tiny.requests()).toEqual([`CONNECT ${new URL(sim.url).host} HTTP/1.1`]);
      const page = await h.get('/');
      expect(page.body).toContain(`refused the request with HTTP ${status}`);
      expect(page.body).toContain(`127.0.0.1:${tiny.port} (HTTPS_PROXY)`);
      if (password) expect(page.body).toContain(`http://&lt;secret&gt;@127.0.0.1:${tiny.port}`);
      expect(page.body).not.toContain(`:${password}@`);
    },
  );

  it('names the proxy when nothing listens there', async () => {
    const port = await freePort();
    const h = await start({
      env: { HTTP_PROXY: `http://127.0.0.1:${port}` },
      args: ['--atlas.max-retries=0'],
    });
    const { body } = await h.scrape();
    const code = { endpoint: 'oauth_token', code: 'network_error' };
    expect(sample(body, 'mongodbatlas_exporter_api_requests_total', code)).toBe(1);
    expect(oneWarning(h.logs, h.rawLogs).error).toContain(
      `cannot connect to the proxy 127.0.0.1:${port} (HTTP_PROXY): ECONNREFUSED`,
    );
  });
});

/** The built exporter as a process, its log lines kept. */
async function exporterProcess(sim: Simulator, env: Record<string, string>) {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [MAIN, `--web.listen-address=127.0.0.1:${port}`, `--atlas.base-url=${sim.url}`, '--atlas.max-retries=0'],
    {
      env: {
        PATH: process.env.PATH ?? '',
        MONGODB_ATLAS_CLIENT_ID: sim.credentials.serviceAccount.clientId,
        MONGODB_ATLAS_CLIENT_SECRET: sim.credentials.serviceAccount.clientSecret,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const get = async (path: string) => {
    const res = await request(`http://127.0.0.1:${port}${path}`);
    return res.body.text();
  };
  const metrics = () => waitFor('a scrape', 15_000, () => get('/metrics'));
  return { get, metrics, output: () => output };
}

describe('a private CA', () => {
  it('is refused without NODE_EXTRA_CA_CERTS, in a line and a page that name the problem and the variable', async () => {
    const sim = await tlsSimulator();
    const exporter = await exporterProcess(sim, {});
    expect(sample(await exporter.metrics(), 'mongodbatlas_exporter_up')).toBe(0);
    const warning = exporter
      .output()
      .split('\n')
      .find((line) => line.includes('"level":"warn"'));
    expect(warning).toContain(
      `the certificate of ${new URL(sim.url).host} is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT)`,
    );
    expect(warning).toContain('NODE_EXTRA_CA_CERTS');
    const page = await exporter.get('/');
    expect(page).toContain('is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT)');
    expect(page).toContain('NODE_EXTRA_CA_CERTS');
  });

  it.skipIf(!hasBinary(TINYPROXY, 'apt-get install tinyproxy'))(
    'is trusted from NODE_EXTRA_CA_CERTS, through a CONNECT tunnel with proxy basic auth',
    async () => {
      const tiny = await proxy({ auth: AUTH });
      const sim = await tlsSimulator();
      const exporter = await exporterProcess(sim, {
        NODE_EXTRA_CA_CERTS: PRIVATE_CA,
        HTTPS_PROXY: withAuth(tiny),
      });
      expect(sample(await exporter.metrics(), 'mongodbatlas_exporter_up')).toBe(1);
      expect(tiny.requests()).toContain(`CONNECT ${new URL(sim.url).host} HTTP/1.1`);
      const page = await exporter.get('/');
      expect(page).toContain(PRIVATE_CA);
      expect(page).toContain(`http://&lt;secret&gt;@127.0.0.1:${tiny.port} (HTTPS_PROXY)`);
      expect(exporter.output() + page).not.toContain(AUTH.password);
    },
  );
});
