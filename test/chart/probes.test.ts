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

// The kubelet does not verify a probe's certificate; Prometheus verifies it with the
// ServiceMonitor's CA and server name.
const kubelet = new Agent({ connect: { rejectUnauthorized: false } });
const prometheus = new Agent({ connect: { ca: readFileSync(`${TLS}server.crt`), servername: 'localhost' } });

interface HttpGet {
  path: string;
  scheme: 'HTTP' | 'HTTPS';
  httpHeaders?: { name: string; value: string }[];
}

/**
 * The exporter as the chart's pod runs it, on loopback: the container's rendered arguments, with
 * the projected web volume (web config from the chart's Secret, certificate and key of the TLS
 * Secret) laid out in a temporary folder, and the Atlas simulator of --demo.
 */
describe.skipIf(!hasHelm())('TLS and basic-auth probes against the exporter the chart configures', () => {
  const { objects } = template({ values: 'tls-auth-values.yaml', set: ['demo=true'] });
  const container = exporterContainer(objects);
  const secret = objects.find((o: K8sObject) => o.kind === 'Secret' && o.metadata.name.endsWith('-web'));
  const dir = mkdtempSync(join(tmpdir(), 'chart-web-'));
  let exporter: Child;
  let port: number;

  beforeAll(async () => {
    writeFileSync(join(dir, 'web-config.yml'), Buffer.from(secret?.data['web-config.yml'], 'base64'));
    copyFileSync(`${TLS}server.crt`, join(dir, 'tls.crt'));
    copyFileSync(`${TLS}server.key`, join(dir, 'tls.key'));
    port = await freePort();
    const args = (container.args as string[]).map((arg) =>
      arg === '--web.listen-address=:10025'
        ? `--web.listen-address=127.0.0.1:${port}`
        : arg.replace(MOUNT, `${dir}/`),
    );
    expect(args).toContain(`--web.config.file=${dir}/web-config.yml`);
    exporter = start(process.execPath, [MAIN, ...args]);
  });

  afterAll(async () => {
    await exporter?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** One probe as the kubelet sends it: its scheme, path and headers, to the container's port. */
  async function probe(get: HttpGet, headers = get.httpHeaders) {
    const url = `${get.scheme.toLowerCase()}://127.0.0.1:${port}${get.path}`;
    const res = await request(url, {
      dispatcher: kubelet,
      headers: Object.fromEntries((headers ?? []).map((h) => [h.name, h.value])),
    });
    await res.body.dump();
    return res.statusCode;
  }

  it('answers the startup, liveness and readiness probes with 200', async () => {
    await waitFor(`the exporter (${exporter.output()})`, 10_000, async () =>
      (await probe(container.startupProbe.httpGet)) === 200 ? true : undefined,
    );
    expect(await probe(container.livenessProbe.httpGet)).toBe(200);
    // ready once the first refresh of the simulator has ended
    await waitFor('readiness', 10_000, async () =>
      (await probe(container.readinessProbe.httpGet)) === 200 ? true : undefined,
    );
  });

  it('refuses the same probes without the header, and without TLS', async () => {
    expect(await probe(container.livenessProbe.httpGet, [])).toBe(401);
    await expect(probe({ ...container.livenessProbe.httpGet, scheme: 'HTTP' })).rejects.toThrow();
  });

  it('serves /metrics to the ServiceMonitor: its CA and server name, the password from the Secret', async () => {
    const decode = (key: string) => Buffer.from(secret?.data[key], 'base64').toString('utf8');
    const basic = Buffer.from(`${decode('username')}:${decode('password')}`).toString('base64');
    const res = await request(`https://127.0.0.1:${port}/metrics`, {
      dispatcher: prometheus,
      headers: { authorization: `Basic ${basic}` },
    });
    expect(res.statusCode).toBe(200);
    expect(await res.body.text()).toContain('mongodbatlas_exporter_up');
  });
});
