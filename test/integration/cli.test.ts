import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { eventually } from './harness.js';

/** The built entry point, as users run it; `npm test` builds first. */
const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
const TLS = fileURLToPath(new URL('../fixtures/tls/', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});
const scratch = mkdtempSync(join(tmpdir(), 'cli-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [MAIN, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exit = once(child, 'exit').then(([code]) => code as number);
  return { child, exit, out: () => stdout, err: () => stderr };
}

describe('the command line', () => {
  it('prints help and version and exits 0', async () => {
    const help = run(['--help']);
    expect(await help.exit).toBe(0);
    expect(help.out()).toContain('--atlas.cache-ttl');
    const built = JSON.parse(readFileSync(new URL('../../dist/build-info.json', import.meta.url), 'utf8'));
    for (const flag of ['--version', '-v']) {
      const version = run([flag]);
      expect(await version.exit).toBe(0);
      // What Prometheus exporters print: version and revision, build date, runtime version.
      const lines = version.out().split('\n');
      expect(lines[0]).toBe(`atlas-backup-exporter, version ${pkg.version} (revision: ${built.revision})`);
      expect(built.revision).toMatch(/^[0-9a-f]{12}$/);
      expect(lines[1]).toBe(`  build date:       ${built.date}`);
      expect(built.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(lines[2]).toBe(`  node version:     ${process.version}`);
    }
  });

  it('reports every bad flag at once, one line each, and exits 2', async () => {
    const bad = run(['--atlas.cache-ttl=5', '--log.level=loud', '--no-such-flag']);
    expect(await bad.exit).toBe(2);
    const lines = bad.err().trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(bad.err()).toContain('--atlas.cache-ttl');
    expect(bad.err()).toContain('--log.level');
    expect(bad.err()).toContain('--no-such-flag');
    expect(bad.err()).toContain('MONGODB_ATLAS_CLIENT_ID');
  });

  it('prints the effective config with the secret masked on --config.check', async () => {
    const check = run(['--config.check', '--atlas.org-id=0123456789abcdef01234567'], {
      MONGODB_ATLAS_CLIENT_ID: 'mdb_sa_id_0123456789abcdef01234567',
      MONGODB_ATLAS_CLIENT_SECRET: 'mdb_sa_sk_do_not_print_me',
    });
    expect(await check.exit).toBe(0);
    expect(check.out()).toContain('mdb_sa_id_0123456789abcdef01234567');
    expect(check.out()).not.toContain('do_not_print_me');
  });

  it('names the proxy on --config.check, its credentials masked, and refuses one it cannot use', async () => {
    const creds = {
      MONGODB_ATLAS_CLIENT_ID: 'mdb_sa_id_0123456789abcdef01234567',
      MONGODB_ATLAS_CLIENT_SECRET: 'mdb_sa_sk_0123456789abcdef',
    };
    const check = run(['--config.check'], {
      ...creds,
      HTTPS_PROXY: 'http://proxyuser:proxy-Secret@proxy.corp:3128',
      NODE_EXTRA_CA_CERTS: `${TLS}server.crt`,
    });
    expect(await check.exit).toBe(0);
    const shown = JSON.parse(check.out()) as Record<string, unknown>;
    expect(shown.proxy).toBe('http://<secret>@proxy.corp:3128 (HTTPS_PROXY)');
    expect(shown.NODE_EXTRA_CA_CERTS).toBe(`${TLS}server.crt`);
    expect(check.out()).not.toMatch(/proxy-Secret|proxyuser/);

    const bad = run(['--config.check'], {
      ...creds,
      https_proxy: 'socks5://proxyuser:proxy-Secret@proxy:1080',
    });
    expect(await bad.exit).toBe(2);
    expect(bad.err().trim().split('\n')).toEqual([
      expect.stringMatching(/^https_proxy: socks5:\/\/ proxies/),
    ]);
    expect(bad.err()).not.toContain('proxy-Secret');
  });

  it('exits 2 with one line on a shard index outside 0..total-1', async () => {
    const bad = run(['--demo', '--shard.total=2'], { ATLAS_EXPORTER_SHARD_INDEX: '2' });
    expect(await bad.exit).toBe(2);
    expect(bad.err().trim().split('\n')).toEqual([
      expect.stringMatching(/^ATLAS_EXPORTER_SHARD_INDEX \(--shard\.index\): 2 is outside 0\.\.1 /),
    ]);
  });

  it('exits 2 on an invalid --web.config.file', async () => {
    const bad = run(['--demo', '--web.config.file=/dev/null/nope.yml']);
    expect(await bad.exit).toBe(2);
    expect(bad.err()).toMatch(/^--web\.config\.file/m);
  });

  it.each([
    ['a password that is not a bcrypt hash', 'basic_auth_users: {prometheus: hunter2}'],
    ['an unknown key', 'tls_config: {cert_file: server.crt}'],
    ['a missing cert file', `tls_server_config: {cert_file: nope.crt, key_file: ${TLS}server.key}`],
  ])('refuses a web config with %s on --config.check as a start does', async (what, yaml) => {
    const file = join(scratch, `${what.replaceAll(' ', '-')}.yml`);
    writeFileSync(file, `${yaml}\n`);
    const args = ['--demo', '--web.listen-address=127.0.0.1:0', `--web.config.file=${file}`];
    const check = run(['--config.check', ...args]);
    const start = run(args);
    expect(await check.exit).toBe(2);
    expect(await start.exit).toBe(2);
    expect(check.err().trim().split('\n')).toEqual([expect.stringMatching(/^--web\.config\.file /)]);
    expect(check.err()).toBe(start.err());
    expect(check.out()).toBe('');
  });

  it('approves a valid web config on --config.check', async () => {
    const check = run(['--config.check', '--demo', `--web.config.file=${TLS}web-config.yml`]);
    expect(await check.exit).toBe(0);
    expect(check.out()).toContain('web-config.yml');
  });

  it('warns once at start of a mistyped ATLAS_EXPORTER_ variable, as --config.check does', async () => {
    const env = { ATLAS_EXPORTER_ATLAS_CACHE_TL: '1m' };
    const hint = 'did you mean ATLAS_EXPORTER_ATLAS_CACHE_TTL (--atlas.cache-ttl)?';
    const check = run(['--config.check', '--demo'], env);
    expect(await check.exit).toBe(0);
    expect(check.err()).toContain(`ATLAS_EXPORTER_ATLAS_CACHE_TL: no flag reads it, ignored; ${hint}`);
    const demo = run(['--demo', '--web.listen-address=127.0.0.1:0'], env);
    await eventually(() => demo.out().includes('"msg":"listening"'), 10_000);
    const warnings = demo
      .out()
      .split('\n')
      .filter((l) => l.includes('no flag reads it'));
    expect(warnings).toEqual([expect.stringContaining('"level":"warn"')]);
    expect(warnings[0]).toContain(hint);
  });

  it('warns at start of an --atlas.org-id that --atlas.project-id overrides, as --config.check does', async () => {
    const args = [
      '--demo',
      '--atlas.org-id=0123456789abcdef01234567',
      '--atlas.project-id=abcdef0123456789abcdef01',
    ];
    const check = run(['--config.check', ...args]);
    expect(await check.exit).toBe(0);
    expect(check.err()).toContain('--atlas.org-id is ignored: --atlas.project-id names the projects to read');
    const demo = run([...args, '--web.listen-address=127.0.0.1:0']);
    await eventually(() => demo.out().includes('"msg":"listening"'), 10_000);
    const line = demo
      .out()
      .split('\n')
      .find((l) => l.includes('is ignored'));
    expect(line).toContain('"level":"warn"');
  });

  it("shows the simulator, not cloud.mongodb.com, as the demo's Atlas on --config.check and the page", async () => {
    const check = run(['--config.check', '--demo']);
    expect(await check.exit).toBe(0);
    const checked = JSON.parse(check.out()) as Record<string, unknown>;
    expect(checked['atlas.base-url']).toMatch(/^http:\/\/127\.0\.0\.1:.*built-in simulator/);
    const demo = run(['--demo', '--web.listen-address=127.0.0.1:0']);
    await eventually(() => demo.out().includes('"msg":"listening"'), 10_000);
    const logs = demo
      .out()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, string>);
    const simulator = logs.find((l) => l.msg?.startsWith('demo:'))?.url ?? '';
    const page = await (await fetch(logs.find((l) => l.msg === 'listening')?.url ?? '')).text();
    expect(simulator).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(page).toContain(simulator);
    expect(page).not.toContain('cloud.mongodb.com');
  });

  it('exits 1 with one line when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const taken = run(['--demo', `--web.listen-address=127.0.0.1:${port}`]);
      expect(await taken.exit).toBe(1);
      expect(taken.err().trim().split('\n')).toEqual([
        `cannot listen on 127.0.0.1:${port}: the address is already in use`,
      ]);
    } finally {
      blocker.close();
    }
  });

  it('serves the demo and shuts down cleanly on SIGTERM', async () => {
    const demo = run(['--demo', '--web.listen-address=127.0.0.1:0']);
    await eventually(() => demo.out().includes('"msg":"listening"'), 10_000);
    const url = /"url":"(http:[^"]+)"/.exec(
      demo
        .out()
        .split('\n')
        .find((l) => l.includes('listening')) ?? '',
    )?.[1];
    const res = await fetch(`${url}/metrics`);
    const body = await res.text();
    expect(body).toContain('mongodbatlas_exporter_up 1');
    // Its staged problem, the unreadable project, is announced as part of the demo.
    expect(demo.out()).toContain(
      'demo: project finance-legacy is unreadable on purpose, to show a project without access; the WARN lines about it are part of the demo',
    );
    // The demo shows every kind the exporter reads.
    for (const kind of ['flex', 'serverless', 'dedicated'])
      expect(body).toMatch(new RegExp(`mongodbatlas_backup_cluster_info\\{[^}]*cluster_kind="${kind}"`));
    demo.child.kill('SIGTERM');
    expect(await demo.exit).toBe(0);
  });

  it('runs the simulator alone with `simulate`', async () => {
    const sim = run(['simulate', '--listen', '127.0.0.1:0', '--seed', '7']);
    await eventually(() => /http:\/\/127\.0\.0\.1:\d+/.test(sim.out()), 10_000);
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(sim.out())?.[0];
    const res = await fetch(`${url}/api/atlas/v2/groups`, {
      headers: { Accept: 'application/vnd.atlas.2023-01-01+json' },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('Digest realm="MMS Public API"');
    sim.child.kill('SIGTERM');
    expect(await sim.exit).toBe(0);
  });
});
