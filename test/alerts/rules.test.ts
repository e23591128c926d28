import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { alerts } from '../../scripts/mixin/alerts.js';
import { config } from '../../scripts/mixin/config.js';

const runbook = readFileSync(new URL('../../docs/runbook.md', import.meta.url), 'utf8');
const cases = readFileSync(new URL('../../alerts/atlas-backup.test.yml', import.meta.url), 'utf8');

describe.each(alerts().map((a) => [a.alert, a] as const))('%s', (name, a) => {
  it('has a severity, a summary and a description', () => {
    expect(['warning', 'critical']).toContain(a.severity);
    expect(a.summary).not.toBe('');
    expect(a.description).not.toBe('');
  });

  it('has a runbook section, which the runbook_url anchor reaches', () => {
    // GitHub's anchor of "## AtlasBackupX" is "atlasbackupx"
    expect(runbook).toMatch(new RegExp(`^## ${name}$`, 'm'));
    expect(config.runbookUrl).toMatch(/docs\/runbook\.md$/);
  });

  it('waits long enough to ride out one bad refresh', () => {
    expect(a.for).toMatch(/^(5|15|30)m$|^1h$/);
  });

  it('has promtool cases', () => {
    // a case that fires lists the alert with its labels; silent series sit beside it
    expect(cases).toContain(`alertname: ${name}\n        exp_alerts:\n          - exp_labels`);
  });
});
