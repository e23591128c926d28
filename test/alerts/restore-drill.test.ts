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
const CASES = fileURLToPath(new URL('./restore-drill.promtool.yml', import.meta.url));
const runbook = readFileSync(new URL('../../docs/runbook.md', import.meta.url), 'utf8');
const drill = { ...config, restoreDrill: { enabled: true, days: 90 } };

describe('the opt-in alert on restore drills (restoreDrill in scripts/mixin/config.ts)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'restore-drill-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is off in the shipped rules, on when enabled, with a runbook section', () => {
    const name = 'AtlasBackupNoRecentRestore';
    expect(alerts().map((a) => a.alert)).not.toContain(name);
    expect(alerts(drill).map((a) => a.alert)).toContain(name);
    expect(runbook).toMatch(new RegExp(`^## ${name}$`, 'm'));
  });

  it.runIf(hasBinary(PROMTOOL))('passes its promtool cases', () => {
    writeFileSync(join(dir, 'atlas-backup.yml'), alertsYaml(drill));
    copyFileSync(CASES, join(dir, 'cases.yml'));
    const out = execFileSync(PROMTOOL, ['test', 'rules', 'cases.yml'], { cwd: dir, encoding: 'utf8' });
    expect(out).toContain('SUCCESS');
  });
});
