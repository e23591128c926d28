import { execFileSync } from 'node:child_process';
import { cpSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CHART, hasHelm, helm, ROOT, template } from './helm.js';

/** Every entry under a folder, by path relative to it, symbolic links included and not followed. */
function entries(dir: string, root = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const stat = lstatSync(path);
    return stat.isDirectory() ? entries(path, root) : [relative(root, path)];
  });
}

const jsonIn = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.json'));

// A user vendors the chart by copying its folder, or installs the package: neither may depend on
// anything else in the repository.
describe('the chart folder', () => {
  it('holds no symbolic link', () => {
    const links = entries(CHART).filter((path) => lstatSync(join(CHART, path)).isSymbolicLink());
    expect(links).toEqual([]);
  });

  it('holds exactly dashboards/*.json, byte for byte (npm run mixin writes them)', () => {
    expect(jsonIn(`${CHART}files/dashboards`)).toEqual(jsonIn(`${ROOT}dashboards`));
    for (const name of jsonIn(`${ROOT}dashboards`)) {
      expect(readFileSync(`${CHART}files/dashboards/${name}`, 'utf8'), name).toBe(
        readFileSync(`${ROOT}dashboards/${name}`, 'utf8'),
      );
    }
  });
});

describe.skipIf(!hasHelm())('the chart outside the repository', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chart-copy-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const copy = join(dir, 'vendored', 'atlas-backup-exporter');
  cpSync(CHART, copy, { recursive: true });
  const packaged = helm(['package', CHART, '--destination', dir]);
  const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz')) ?? '';

  it.each(['monitoring-values.yaml', 'extras-values.yaml'])(
    'renders from a copy of its folder exactly what it renders in place (%s)',
    (values) => {
      const copied = template({ values, chart: copy });
      expect(copied.ok, copied.stderr).toBe(true);
      expect(copied.objects).toEqual(template({ values }).objects);
    },
  );

  it('packages the folder as it is, less the CI inputs', () => {
    expect(packaged.status, packaged.stderr).toBe(0);
    expect(tgz).toMatch(/^atlas-backup-exporter-\d+\.\d+\.\d+\.tgz$/);
    const inPackage = execFileSync('tar', ['-tzf', join(dir, tgz)], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => line.replace(/^atlas-backup-exporter\//, ''));
    const expected = entries(CHART).filter((path) => !path.startsWith('ci/'));
    expect(inPackage.sort()).toEqual(expected.sort());
    for (const path of expected) {
      const packed = execFileSync('tar', ['-xzOf', join(dir, tgz), `atlas-backup-exporter/${path}`]);
      const original = readFileSync(join(CHART, path));
      // Helm writes Chart.yaml anew from what it parsed
      if (path === 'Chart.yaml') expect(parse(packed.toString())).toEqual(parse(original.toString()));
      else expect(packed.equals(original), path).toBe(true);
    }
  });

  it('renders from the package exactly what it renders from the folder', () => {
    const values = 'monitoring-values.yaml';
    const fromPackage = template({ values, chart: join(dir, tgz) });
    expect(fromPackage.ok, fromPackage.stderr).toBe(true);
    expect(fromPackage.objects).toEqual(template({ values }).objects);
  });
});
