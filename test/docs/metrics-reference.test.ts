import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { familyNames, metricsReference } from '../../scripts/metrics-reference.js';

const DOC = new URL('../../docs/metrics.md', import.meta.url);
const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

// `npm run metrics-doc` sets UPDATE_METRICS_DOC to rewrite the file; otherwise the committed one must match.
describe('docs/metrics.md', () => {
  it('is what scripts/metrics-reference generates', () => {
    if (process.env.UPDATE_METRICS_DOC) writeFileSync(DOC, metricsReference());
    expect(readFileSync(DOC, 'utf8'), 'run `npm run metrics-doc` and commit the result').toBe(
      metricsReference(),
    );
  });

  it('documents every family of the catalogue and of every collector', () => {
    const doc = readFileSync(DOC, 'utf8');
    const names = familyNames();
    expect(names.length).toBeGreaterThan(30);
    for (const name of names) expect(doc).toContain(`| \`${name}\` |`);
  });

  it('documents every family the golden scrape shows', () => {
    const doc = readFileSync(DOC, 'utf8');
    const served = [...read('test/integration/golden.prom').matchAll(/^# HELP (\S+)/gm)].map((m) => m[1]);
    expect(served.length).toBeGreaterThan(20);
    for (const name of served) expect(doc).toContain(`| \`${name}\` |`);
  });
});
