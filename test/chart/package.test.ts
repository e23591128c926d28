import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHART, hasHelm, helm, ROOT, template } from './helm.js';

// files/ holds symbolic links into alerts/ and dashboards/: the package must carry their contents.
describe.skipIf(!hasHelm())('helm package', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chart-package-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const packaged = helm(['package', CHART, '--destination', dir]);
  const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz')) ?? '';

  it('packages the chart', () => {
    expect(packaged.status, packaged.stderr).toBe(0);
    expect(tgz).toMatch(/^atlas-backup-exporter-\d+\.\d+\.\d+\.tgz$/);
  });

  it('carries the linked rules and dashboards as files, and no CI inputs or provisioning', () => {
    const listing = execFileSync('tar', ['-tvzf', join(dir, tgz)], { encoding: 'utf8' }).split('\n');
    const entry = (path: string) => listing.find((line) => line.endsWith(`atlas-backup-exporter/${path}`));
    expect(entry('files/atlas-backup.yml')).toMatch(/^-/);
    for (const name of readdirSync(`${ROOT}dashboards`).filter((f) => f.endsWith('.json'))) {
      expect(entry(`files/dashboards/${name}`), name).toMatch(/^-/);
    }
    expect(listing.filter((line) => /\/ci\/|provisioning/.test(line))).toEqual([]);
    const rules = execFileSync('tar', [
      '-xzOf',
      join(dir, tgz),
      'atlas-backup-exporter/files/atlas-backup.yml',
    ]);
    expect(rules.toString()).toBe(readFileSync(`${ROOT}alerts/atlas-backup.yml`, 'utf8'));
  });

  it('renders from the package exactly what it renders from the folder', () => {
    const values = 'monitoring-values.yaml';
    const fromPackage = template({ values, chart: join(dir, tgz) });
    expect(fromPackage.ok, fromPackage.stderr).toBe(true);
    expect(fromPackage.objects).toEqual(template({ values }).objects);
  });
});
