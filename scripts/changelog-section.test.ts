import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('./changelog-section.mjs', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

const scratch = mkdtempSync(join(tmpdir(), 'changelog-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const CHANGELOG = `# Changelog

Intro.

## [Unreleased]

### Added

## [0.2.0] - 2026-12-24

### Changed (breaking)

- \`--old\` is now \`--new\`: rename it in your flags.

### Fixed

- A fix.

## [0.1.0] - 2026-12-07

The first version.

[unreleased]: https://example.com/compare/v0.2.0...HEAD
[0.2.0]: https://example.com/releases/tag/v0.2.0
`;

function section(version: string, changelog?: string) {
  const args = [SCRIPT, version];
  if (changelog !== undefined) {
    const file = join(scratch, `${version}.md`);
    writeFileSync(file, changelog);
    args.push(file);
  }
  const run = spawnSync(process.execPath, args, { encoding: 'utf8' });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

describe('the release notes from CHANGELOG.md', () => {
  it("prints a version's section up to the next version, for the tag or the bare version", () => {
    const expected = {
      code: 0,
      out: '### Changed (breaking)\n\n- `--old` is now `--new`: rename it in your flags.\n\n### Fixed\n\n- A fix.\n',
      err: '',
    };
    expect(section('v0.2.0', CHANGELOG)).toEqual(expected);
    expect(section('0.2.0', CHANGELOG)).toEqual(expected);
  });

  it('ends the last section at the link definitions', () => {
    expect(section('v0.1.0', CHANGELOG).out).toBe('The first version.\n');
  });

  it('refuses a version without a section, and an empty section', () => {
    const missing = section('v0.3.0', CHANGELOG);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('no section for 0.3.0');
    expect(section('v0.4.0', '## [0.4.0] - 2027-01-01\n\n## [0.3.0]\n\n- x\n').code).toBe(1);
    // "0.1" is no section of "0.1.0"
    expect(section('v0.1', CHANGELOG).code).toBe(1);
  });

  it("has the section of package.json's version, which its release tag publishes", () => {
    const current = section(`v${pkg.version}`);
    expect(current.err).toBe('');
    expect(current.code).toBe(0);
  });
});
