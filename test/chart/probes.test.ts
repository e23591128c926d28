import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Child, freePort, start, waitFor } from '../e2e/processes.js';
import { exporterContainer, hasHelm, type K8sObject, ROOT, template } from './helm.js';

const MAIN = `${ROOT}dist/main.js`;
const TLS = `${ROOT}test/fixtures/tls/`;
const MOUNT = '/etc/atlas-backup-exporter/web/';
/** The password whose bcrypt hash tls-auth-values.yaml gives the exporter. */
const PASSWORD = 's3cret-scrape';

// Prometheus verifies the certificate with the ServiceMonitor's CA and server name.
const prometheus = new Agent({ connect: { ca: readFileSync(`${TLS}server.crt`), servername: 'localhost' } });

/**
 * The exporter as the chart's pod runs it, on loopback: the container's rendered arguments, with
 * the projected web volume (web.yml from the chart's Secret, certificate and key of the TLS
 * Secret) laid out in a temporary folder, and the Atlas simulator of --demo. The probes are the
 * rendered exec commands, run as the kubelet runs them: in the container's environment, which
 * holds no password.
 */
describe.skipIf(!hasHelm())('exec probes against the exporter the chart configures', () => {
  // Rendered in beforeAll: vitest runs a skipped describe's body too, and without Helm it must not render.
  let container: ReturnType<typeof exporterContainer>;
  let dir: string;
  let exporter: Child;
  let port: number;

  const local = (arg: string) =>
    arg === '--web.listen-address=:10025'
      ? `--web.listen-address=127.0.0.1:${port}`
      : arg.replace(MOUNT, `${dir}/`);

  beforeAll(async () => {
    const { objects } = template({ values: 'tls-auth-values.yaml', set: ['demo=true'] });
    container = exporterContainer(objects);
    const secret = objects.find((o: K8sObject) => o.kind === 'Secret' && o.metadata.name.endsWith('-web'));
    dir = mkdtempSync(join(tmpdir(), 'chart-web-'));
    writeFileSync(join(dir, 'web.yml'), Buffer.from(secret?.data['web.yml'], 'base64'));
    copyFileSync(`${TLS}server.crt`, join(dir, 'tls.crt'));
    copyFileSync(`${TLS}server.key`, join(dir, 'tls.key'));
    port = await freePort();
    const args = (container.args as string[]).map(local);
    expect(args).toContain(`--web.config.file=${dir}/web.yml`);
    exporter = start(process.execPath, [MAIN, ...args]);
  });

  afterAll(async () => {
    await exporter?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs a probe's command as the kubelet does; resolves to its exit code and output. */
  function probe(name: 'startupProbe' | 'livenessProbe' | 'readinessProbe') {
    const [node, main, ...args] = container[name].exec.command as string[];
    expect([node, main]).toEqual(['node', '/app/dist/main.js']);
    const child = spawn(process.execPath, [MAIN, ...args.map(local)], {
      env: { PATH: process.env.PATH },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    return new Promise<{ code: number | null; stderr: string }>((resolve) =>
      child.once('exit', (code) => resolve({ code, stderr })),
    );
  }

  it('passes the startup, liveness and readiness probes', async () => {
    await waitFor(`the startup probe (${exporter.output()})`, 15_000, async () =>
      (await probe('startupProbe')).code === 0 ? true : undefined,
    );
    expect(await probe('livenessProbe')).toEqual({ code: 0, stderr: '' });
    // ready once the first refresh of the simulator has ended
    await waitFor('the readiness probe', 15_000, async () =>
      (await probe('readinessProbe')).code === 0 ? true : undefined,
    );
  });

  it('fails the probes while nothing answers', async () => {
    const stopped = await freePort();
    const [, , ...args] = container.livenessProbe.exec.command as string[];
    const run = spawnSync(
      process.execPath,
      [MAIN, ...args.map((a) => local(a).replace(`127.0.0.1:${port}`, `127.0.0.1:${stopped}`))],
      { encoding: 'utf8', env: { PATH: process.env.PATH } },
    );
    expect(run.status).toBe(1);
  });

  it('serves /metrics to the ServiceMonitor: its CA and server name, and the password', async () => {
    await waitFor(`the exporter (${exporter.output()})`, 15_000, async () => {
      const res = await request(`https://127.0.0.1:${port}/metrics`, {
        dispatcher: prometheus,
        headers: { authorization: `Basic ${Buffer.from(`prometheus:${PASSWORD}`).toString('base64')}` },
      });
      if (res.statusCode === 200) return res.body.text();
      await res.body.dump();
      return undefined;
    }).then((body) => expect(body).toContain('mongodbatlas_exporter_up'));
    const anonymous = await request(`https://127.0.0.1:${port}/metrics`, { dispatcher: prometheus });
    await anonymous.body.dump();
    expect(anonymous.statusCode).toBe(401);
  });
});
