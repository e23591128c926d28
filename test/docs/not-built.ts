import { readFileSync } from 'node:fs';

/**
 * The README's paragraph on what the contract describes and the code does not do yet; empty when
 * the README has none, as when everything is built.
 */
export function notBuiltYet(): string {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf('Not built yet');
  if (start < 0) return '';
  return readme.slice(start, readme.indexOf('\n\n', start));
}
