import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);

/** The packages a test may sit in, beside the module it tests. */
const PACKAGES = ['src', 'simulator', 'scripts'];
/** What test/ holds: tests that cross packages, and what they share. */
const CROSSING = [
  'alerts',
  'bench',
  'chart',
  'dashboards',
  'docs',
  'e2e',
  'fixtures',
  'integration',
  'repository',
];

const isTestFile = (file: string) => /(^|\/)(test-[^/]*|[^/]*\.test)\.ts$/.test(file);
const topFolder = (file: string) => file.split('/')[0] ?? '';

function testFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  });
  return out.split('\0').filter(isTestFile);
}

/** The top folders a file's relative imports reach (`..` above the repository is a mistake anyway). */
function importedFolders(file: string): Set<string> {
  const text = readFileSync(new URL(file, root), 'utf8');
  const specs = [...text.matchAll(/\sfrom\s'(\.[^']+)'/g)].map((m) => m[1] ?? '');
  return new Set(
    specs.map((spec) => topFolder(new URL(spec, new URL(file, root)).pathname.slice(root.pathname.length))),
  );
}

describe('where tests live', () => {
  it('a test outside test/ sits in a package and imports only that package', () => {
    const misplaced = testFiles()
      .filter((file) => topFolder(file) !== 'test')
      .flatMap((file) => {
        const home = topFolder(file);
        if (!PACKAGES.includes(home)) return [`${file}: not in ${PACKAGES.join(', ')} or test/`];
        const others = [...importedFolders(file)].filter((folder) => folder !== home);
        return others.length === 0 ? [] : [`${file} imports ${others.join(', ')}: it belongs in test/`];
      });
    expect(misplaced).toEqual([]);
  });

  it('test/ holds only the folders of tests that cross packages', () => {
    const folders = new Set(
      testFiles()
        .filter((file) => topFolder(file) === 'test')
        .map((file) => file.split('/')[1] ?? ''),
    );
    expect([...folders].filter((folder) => !CROSSING.includes(folder))).toEqual([]);
  });
});
