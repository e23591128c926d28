import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hasBinary } from '../e2e/binaries.js';

const PROMTOOL = '/usr/bin/promtool';
const ALERTS = fileURLToPath(new URL('../../alerts/', import.meta.url));
const files = readdirSync(ALERTS);
const rules = files.filter((f) => f.endsWith('.yml') && !f.endsWith('.test.yml'));
const tests = files.filter((f) => f.endsWith('.test.yml'));

function promtool(...args: string[]): string {
  return execFileSync(PROMTOOL, args, { cwd: ALERTS, encoding: 'utf8', stdio: 'pipe' });
}

describe.skipIf(!hasBinary(PROMTOOL))('alerts/ with promtool', () => {
  it('has rule files and their tests', () => {
    expect(rules).not.toHaveLength(0);
    expect(tests).not.toHaveLength(0);
  });

  it.each(rules)('promtool check rules %s', (file) => {
    expect(promtool('check', 'rules', file)).toContain('SUCCESS');
  });

  // promtool evaluates every rule at each step of each case, one core: the day-long audit cases
  // alone take seconds, so the suite's 20 s would fail a busy machine, not a rule.
  it.each(tests)('promtool test rules %s', { timeout: 180_000 }, (file) => {
    expect(promtool('test', 'rules', file)).toContain('SUCCESS');
  });
});
