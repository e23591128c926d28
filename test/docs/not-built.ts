import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

/** The README's paragraph on what the contract describes and the code does not do yet. */
export function notBuiltYet(): string {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf('Not built yet');
  expect(start).toBeGreaterThan(0);
  return readme.slice(start, readme.indexOf('\n\n', start));
}
