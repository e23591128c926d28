import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../e2e/processes.js';
import { eventually, harnessPerTest } from './harness.js';

/** The built entry point, as the image's HEALTHCHECK runs it; `npm test` builds first. */
const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../fixtures/tls/', import.meta.url));
const WEB_CONFIG = `${FIXTURES}web-config.yml`;
const PASSWORD = 's3cret-scrape';

async function healthcheck(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [MAIN, 'healthcheck', ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const [code] = await once(child, 'exit');
  return { code: code as number, lines: output.trim() === '' ? [] : output.trim().split('\n') };
}

describe('healthcheck against a TLS + basic-auth exporter', () => {
  let exporter: ChildProcess;
  let address: string;

  beforeAll(async () => {
    address = `127.0.0.1:${await freePort()}`;
    exporter = spawn(
      process.execPath,
      [MAIN, '--demo', `--web.listen-address=${address}`, `--web.config.file=${WEB_CONFIG}`],
      { stdio: 'ignore' },
    );
    const flags = [`--web.listen-address=${address}`, `--web.config.file=${WEB_CONFIG}`];
    await eventually(
      async () => (await healthcheck(flags, { ATLAS_EXPORTER_HEALTHCHECK_PASSWORD: PASSWORD })).code === 0,
      15_000,
    );
  });
  afterAll(() => {
    exporter?.kill('SIGKILL');
  });

  it('exits 0 silently when it logs in over HTTPS', async () => {
    const result = await healthcheck([`--web.listen-address=${address}`, `--web.config.file=${WEB_CONFIG}`], {
      ATLAS_EXPORTER_HEALTHCHECK_PASSWORD: PASSWORD,
    });
    expect(result).toEqual({ code: 0, lines: [] });
  });

  it('reads the address and web config from the environment and the password from a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'healthcheck-'));
    writeFileSync(join(dir, 'password'), `${PASSWORD}\n`);
    const result = await healthcheck([], {
      ATLAS_EXPORTER_WEB_LISTEN_ADDRESS: address,
      ATLAS_EXPORTER_WEB_CONFIG_FILE: WEB_CONFIG,
      ATLAS_EXPORTER_HEALTHCHECK_PASSWORD_FILE: join(dir, 'password'),
    });
    expect(result).toEqual({ code: 0, lines: [] });
  });

  it('takes the flags from the running exporter with --from-pid, as the image does', async () => {
    const result = await healthcheck([`--from-pid=${exporter.pid}`], {
      ATLAS_EXPORTER_HEALTHCHECK_PASSWORD: PASSWORD,
    });
    expect(result).toEqual({ code: 0, lines: [] });
    const notExporter = await healthcheck([`--from-pid=${process.pid}`]);
    expect(notExporter.code).toBe(1);
    expect(notExporter.lines).toEqual([
      expect.stringMatching(/^healthcheck: --from-pid: process \d+ is not/),
    ]);
  });

  it('fails with one line, naming no secret, on a wrong password', async () => {
    const result = await healthcheck([`--web.listen-address=${address}`, `--web.config.file=${WEB_CONFIG}`], {
      ATLAS_EXPORTER_HEALTHCHECK_PASSWORD: 'not-the-password',
    });
    expect(result.code).toBe(1);
    expect(result.lines).toEqual([
      `healthcheck: https://${address}/-/healthy answered 401; the password of "prometheus" was refused`,
    ]);
  });

  it("takes the exporter's own 401 over its pinned certificate as alive when no password is given", async () => {
    const flags = [`--web.listen-address=${address}`, `--web.config.file=${WEB_CONFIG}`];
    expect(await healthcheck(flags)).toEqual({ code: 0, lines: [] });
    expect(await healthcheck(['--ready', ...flags])).toEqual({ code: 0, lines: [] });
  });

  it('probes /-/ready with --ready, logged in', async () => {
    const result = await healthcheck(
      ['--ready', `--web.listen-address=${address}`, `--web.config.file=${WEB_CONFIG}`],
      { ATLAS_EXPORTER_HEALTHCHECK_PASSWORD: 'not-the-password' },
    );
    expect(result.lines).toEqual([
      `healthcheck: https://${address}/-/ready answered 401; the password of "prometheus" was refused`,
    ]);
  });

  it('fails when it speaks plain HTTP to the TLS port', async () => {
    const result = await healthcheck([`--web.listen-address=${address}`]);
    expect(result.code).toBe(1);
    expect(result.lines).toEqual([
      expect.stringMatching(new RegExp(`^healthcheck: http://${address}/-/healthy`)),
    ]);
  });
});

describe('healthcheck against an exporter that requires client certificates', () => {
  const start = harnessPerTest();

  it("takes the exporter's refusal of a probe without a client certificate, over its pinned certificate, as alive", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'healthcheck-'));
    const webConfig = join(dir, 'web.yml');
    writeFileSync(
      webConfig,
      `tls_server_config:\n  cert_file: ${FIXTURES}server.crt\n  key_file: ${FIXTURES}server.key\n` +
        `  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: ${FIXTURES}client-ca.crt\n`,
    );
    const h = await start({ webConfigFile: webConfig });
    const address = new URL(h.exporter.url).host;
    const result = await healthcheck([`--web.listen-address=${address}`, `--web.config.file=${webConfig}`]);
    expect(result).toEqual({ code: 0, lines: [] });
  });
});

describe('healthcheck failures', () => {
  const servers: Server[] = [];
  afterAll(() => {
    for (const server of servers) server.close();
  });

  async function listening(server: Server): Promise<string> {
    servers.push(server);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as { port: number };
    return `127.0.0.1:${port}`;
  }

  it('sends no password to a server that shows another certificate', async () => {
    const authorizations: (string | undefined)[] = [];
    const impostor = createHttpsServer(
      { cert: readFileSync(`${FIXTURES}impostor.crt`), key: readFileSync(`${FIXTURES}impostor.key`) },
      (req, res) => {
        authorizations.push(req.headers.authorization);
        res.end('Healthy\n');
      },
    );
    const address = await listening(impostor);
    const result = await healthcheck([`--web.listen-address=${address}`, `--web.config.file=${WEB_CONFIG}`], {
      ATLAS_EXPORTER_HEALTHCHECK_PASSWORD: PASSWORD,
    });
    expect(result.code).toBe(1);
    expect(result.lines).toEqual([expect.stringContaining('does not present the certificate')]);
    expect(authorizations).toEqual([]);
  });

  it('takes no 401 over plain HTTP for the exporter unless it names the realm of the exporter', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'healthcheck-'));
    const usersOnly = join(dir, 'web.yml');
    writeFileSync(usersOnly, readFileSync(WEB_CONFIG, 'utf8').replace(/tls_server_config:\n( {2}.*\n)+/, ''));
    const impostor = createHttpServer((req, res) => {
      res.statusCode = req.url === '/-/healthy' ? 401 : 500;
      res.setHeader('WWW-Authenticate', 'Basic realm="somebody else"');
      res.end();
    });
    const address = await listening(impostor);
    const result = await healthcheck([`--web.listen-address=${address}`, `--web.config.file=${usersOnly}`]);
    expect(result).toEqual({
      code: 1,
      lines: [
        `healthcheck: http://${address}/-/healthy answered 401 without the realm of the exporter: another server answers there`,
      ],
    });
  });

  it('asks /-/ready, not /-/healthy, with --ready', async () => {
    const notReady = createHttpServer((req, res) => {
      res.statusCode = req.url === '/-/ready' ? 503 : 200;
      res.end();
    });
    const address = await listening(notReady);
    expect(await healthcheck([`--web.listen-address=${address}`])).toEqual({ code: 0, lines: [] });
    expect(await healthcheck(['--ready', `--web.listen-address=${address}`])).toEqual({
      code: 1,
      lines: [`healthcheck: http://${address}/-/ready answered 503`],
    });
  });

  it('gives up after --timeout on a server that never answers', async () => {
    const silent = createTcpServer(() => {});
    const address = await listening(silent);
    const started = Date.now();
    const result = await healthcheck([`--web.listen-address=${address}`, '--timeout=500ms']);
    expect(result.code).toBe(1);
    expect(result.lines).toEqual([`healthcheck: http://${address}/-/healthy: no answer within 500ms`]);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('fails with one line when nothing listens', async () => {
    const address = `127.0.0.1:${await freePort()}`;
    const result = await healthcheck([`--web.listen-address=${address}`]);
    expect(result).toEqual({
      code: 1,
      lines: [`healthcheck: http://${address}/-/healthy: nothing listens there (ECONNREFUSED)`],
    });
  });
});
