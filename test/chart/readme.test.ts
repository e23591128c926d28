import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CHART, hasHelm, ROOT, template } from './helm.js';

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

// A parameter shown as `{}` or `[]` is empty in values.yaml: the table hides no default.
it('the chart README shows each default as it is, not an empty placeholder', () => {
  const values = parse(readFileSync(`${CHART}values.yaml`, 'utf8'));
  const rows = readFileSync(`${CHART}README.md`, 'utf8').matchAll(
    /^\| `([\w.[\]]+)` +\|.*\| `(\{\}|\[\])` +\|$/gm,
  );
  const shown = [...rows].map(([, name = '']) => name);
  expect(shown.length).toBeGreaterThan(10);
  for (const name of shown) {
    const value = name.split('.').reduce((o, key) => o?.[key], values);
    expect(JSON.stringify(value), name).toMatch(/^(\{\}|\[\])$/);
  }
});

// Each values example of the chart README renders as it is written, with credentials from a Secret.
describe.skipIf(!hasHelm())('the chart README examples', () => {
  const examples = [...readFileSync(`${CHART}README.md`, 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map(
    (m) => m[1] ?? '',
  );

  it('are there', () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });

  it.each(examples.map((text, i) => [i + 1, text]))('example %i renders', (_i, text) => {
    const dir = mkdtempSync(join(tmpdir(), 'chart-example-'));
    try {
      writeFileSync(join(dir, 'values.yaml'), text);
      const rendered = template({
        set: ['existingSecret=atlas-credentials'],
        args: ['--values', join(dir, 'values.yaml')],
      });
      expect(rendered.ok, rendered.stderr).toBe(true);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
