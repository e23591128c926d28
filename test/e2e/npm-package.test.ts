import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Child, freePort, start, waitFor } from './processes.js';

const exec = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

/**
 * The package as a user gets it: `npm pack`, then `npm install -g` of the tarball into an empty
 * prefix, its dependencies from npm's cache (or the registry). `npm test` has built dist/, so
 * the pack skips prepack, which would rebuild under the tests running beside this one.
 */
describe('the npm package', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'npm-package-'));
  const bin = join(scratch, 'prefix', 'bin', 'atlas-backup-exporter');
  let files: string[] = [];
  let exporter: Child | undefined;

  beforeAll(async () => {
    const packed = await exec('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], {
      cwd: ROOT,
    });
    const [tarball] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    if (!tarball) throw new Error(`npm pack said: ${packed.stdout}`);
    files = tarball.files.map((f) => f.path);
    await exec(
      'npm',
      [
        'install',
        '--global',
        '--prefix',
        join(scratch, 'prefix'),
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
      ].concat(join(scratch, tarball.filename)),
      { cwd: scratch },
    );
  }, 120_000);

  afterAll(async () => {
    await exporter?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('ships the exporter, the simulator behind --demo and the licence, and no build state', () => {
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'dist/main.js', 'dist/simulator/index.js']));
    expect(files.filter((f) => f.endsWith('.tsbuildinfo') || f.endsWith('.ts'))).toEqual([]);
  });

  it('knows its version', async () => {
    const { stdout } = await exec(bin, ['--version']);
    expect(stdout).toMatch(
      new RegExp(`^atlas-backup-exporter, version ${pkg.version} \\(revision: [0-9a-f]{12}\\)\n`),
    );
  });

  it('runs the demo from the installed command and serves /metrics', async () => {
    const address = `127.0.0.1:${await freePort()}`;
    exporter = start(bin, ['--demo', `--web.listen-address=${address}`]);
    const metrics = await waitFor(
      'the installed demo to serve mongodbatlas_exporter_up 1',
      30_000,
      async () => {
        const body = await (await fetch(`http://${address}/metrics`)).text();
        return /^mongodbatlas_exporter_up 1$/m.test(body) ? body : undefined;
      },
    ).catch((err: Error) => {
      throw new Error(`${err.message}\n${exporter?.output()}`);
    });
    expect(metrics).toMatch(/^mongodbatlas_backup_cluster_info\{/m);
  });
});
