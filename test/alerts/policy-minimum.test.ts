import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { alerts, alertsYaml } from '../../scripts/mixin/alerts.js';
import { config } from '../../scripts/mixin/config.js';
import { hasBinary } from '../e2e/binaries.js';

const PROMTOOL = '/usr/bin/promtool';
const CASES = fileURLToPath(new URL('./policy-minimum.promtool.yml', import.meta.url));
const runbook = readFileSync(new URL('../../docs/runbook.md', import.meta.url), 'utf8');
const minimum = { ...config, policyMinimum: { ...config.policyMinimum, enabled: true } };

describe('the opt-in alert on backup policies below a minimum (policyMinimum in scripts/mixin/config.ts)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'policy-minimum-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is off in the shipped rules, on when enabled, with a runbook section', () => {
    const name = 'AtlasBackupPolicyBelowMinimum';
    expect(alerts().map((a) => a.alert)).not.toContain(name);
    expect(alerts(minimum).map((a) => a.alert)).toContain(name);
    expect(runbook).toMatch(new RegExp(`^## ${name}$`, 'm'));
  });

  it.runIf(hasBinary(PROMTOOL))('passes its promtool cases', () => {
    writeFileSync(join(dir, 'atlas-backup.yml'), alertsYaml(minimum));
    copyFileSync(CASES, join(dir, 'cases.yml'));
    const out = execFileSync(PROMTOOL, ['test', 'rules', 'cases.yml'], { cwd: dir, encoding: 'utf8' });
    expect(out).toContain('SUCCESS');
  });
});
