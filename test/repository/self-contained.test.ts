import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const SELF = 'test/repository/self-contained.test.ts';
const SUBSETS = [
  'openapi-subset.json',
  'openapi-dedicated-subset.json',
  'openapi-restores-subset.json',
  'openapi-events-subset.json',
  'openapi-posture-subset.json',
];

function trackedFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' });
  return out.split('\0').filter((f) => f !== '' && f !== SELF && !f.startsWith('vendor/'));
}

describe('the repository is self-contained', () => {
  it('reads nothing from a shared folder beside the checkout', () => {
    const outside = /\.\.\/shared\b|\bshared\/atlas\b/;
    const offenders = trackedFiles().filter((file) =>
      outside.test(readFileSync(new URL(file, root), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  it.each(SUBSETS)('vendors %s with its provenance', (file) => {
    const spec = JSON.parse(readFileSync(new URL(`vendor/atlas-openapi/${file}`, root), 'utf8'));
    expect(spec.info['x-subset-of']).toMatchObject({
      sourceRepo: 'mongodb/mongodb-atlas-cli',
      sourceCommit: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
    expect(Object.keys(spec.paths).length).toBeGreaterThan(0);
  });
});
