import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { CHART, ROOT } from './helm.js';

const GENERATOR = `${ROOT}node_modules/.bin/readme-generator`;

// The chart README's parameter table is generated from the comments of values.yaml; this fails
// when one changed without the other. `npm run chart:readme` rewrites the table.
it('the chart README lists the parameters of values.yaml, as readme-generator writes them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chart-readme-'));
  try {
    copyFileSync(`${CHART}README.md`, join(dir, 'README.md'));
    execFileSync(GENERATOR, ['--values', `${CHART}values.yaml`, '--readme', join(dir, 'README.md')], {
      stdio: 'pipe',
    });
    expect(readFileSync(join(dir, 'README.md'), 'utf8'), 'run `npm run chart:readme`').toBe(
      readFileSync(`${CHART}README.md`, 'utf8'),
    );
  } finally {
    rmSync(dir, { recursive: true });
  }
});
