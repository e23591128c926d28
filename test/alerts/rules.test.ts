import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { alerts } from '../../scripts/mixin/alerts.js';
import { config } from '../../scripts/mixin/config.js';

const runbook = readFileSync(new URL('../../docs/runbook.md', import.meta.url), 'utf8');
const cases = readFileSync(new URL('../../alerts/atlas-backup.test.yml', import.meta.url), 'utf8');
/** The rule file as shipped, whose annotations Alertmanager shows. */
const shipped = parse(readFileSync(new URL('../../alerts/atlas-backup.yml', import.meta.url), 'utf8')) as {
  groups: { rules: { alert: string; annotations: { runbook_url?: string } }[] }[];
};
const shippedRule = (name: string) => shipped.groups.flatMap((g) => g.rules).find((r) => r.alert === name);

/** GitHub's anchor of a `## Heading`: lower case, spaces as dashes, most punctuation dropped. */
const githubAnchor = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\w\- ]/g, '')
    .replace(/ /g, '-');

describe.each(alerts().map((a) => [a.alert, a] as const))('%s', (name, a) => {
  it('has a severity, a summary and a description', () => {
    expect(['info', 'warning', 'critical']).toContain(a.severity);
    expect(a.summary).not.toBe('');
    expect(a.description).not.toBe('');
  });

  it('has a runbook section, which its runbook_url reaches', () => {
    expect(runbook).toMatch(new RegExp(`^## ${name}$`, 'm'));
    expect(config.runbookUrl).toMatch(/docs\/runbook\.md$/);
    expect(shippedRule(name)?.annotations.runbook_url).toBe(`${config.runbookUrl}#${githubAnchor(name)}`);
  });

  it('waits long enough to ride out one bad refresh', () => {
    expect(a.for).toMatch(/^(5|15|30)m$|^1h$/);
  });

  it('has promtool cases', () => {
    // a case that fires lists the alert with its labels; silent series sit beside it
    expect(cases).toContain(`alertname: ${name}\n        exp_alerts:\n          - exp_labels`);
  });
});
