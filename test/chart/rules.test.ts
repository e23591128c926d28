import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { config } from '../../scripts/mixin/config.js';
import { hasBinary } from '../e2e/binaries.js';
import { CHART, hasHelm, one, ROOT, template } from './helm.js';

const PROMTOOL = '/usr/bin/promtool';

interface Rule {
  alert: string;
  expr: string;
  for: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}
interface RuleFile {
  groups: { name: string; rules: Rule[] }[];
}

const shipped = (): RuleFile => parse(readFileSync(`${ROOT}alerts/atlas-backup.yml`, 'utf8'));
const values = parse(readFileSync(`${CHART}values.yaml`, 'utf8'));
const schema = JSON.parse(readFileSync(`${CHART}values.schema.json`, 'utf8'));

/** The PrometheusRule's spec with prometheusRule.enabled and these --set pairs. */
function rendered(...set: string[]): RuleFile {
  const result = template({ set: ['demo=true', 'prometheusRule.enabled=true', ...set] });
  if (!result.ok) throw new Error(result.stderr);
  return one(result.objects, 'PrometheusRule').spec;
}

const rulesOf = (file: RuleFile) => file.groups.flatMap((g) => g.rules);
const byName = (file: RuleFile) => new Map(rulesOf(file).map((r) => [r.alert, r]));

describe.skipIf(!hasHelm())('the PrometheusRule', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chart-rules-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** promtool check rules on a rendered spec; throws with promtool's output when it refuses it. */
  function promtoolAccepts(name: string, spec: RuleFile) {
    const file = join(dir, `${name}.yml`);
    writeFileSync(file, stringify(spec));
    return execFileSync(PROMTOOL, ['check', 'rules', file], { encoding: 'utf8' });
  }

  it('renders exactly alerts/atlas-backup.yml by default', () => {
    expect(rendered()).toEqual(shipped());
  });

  it('offers every threshold of scripts/mixin/config.ts as a value, with its default', () => {
    expect(values.prometheusRule.thresholds, 'values.yaml prometheusRule.thresholds').toEqual(
      config.thresholds,
    );
    expect(Object.keys(schema.properties.prometheusRule.properties.thresholds.properties)).toEqual(
      Object.keys(config.thresholds),
    );
    expect(values.prometheusRule.runbookUrl).toBe(config.runbookUrl);
    expect(values.prometheusRule.selector).toBe(config.alertSelector);
  });

  it('scopes every metric of every rule to the selector', () => {
    const rules = rulesOf(rendered('prometheusRule.selector=job="atlas-backup"'));
    for (const rule of rules) {
      const metrics = rule.expr.match(/mongodbatlas_\w+({[^}]*})?/g) ?? [];
      expect(metrics.length, rule.alert).toBeGreaterThan(0);
      for (const m of metrics) expect(m, rule.alert).toMatch(/{job="atlas-backup"[,}]/);
    }
  });

  it('moves each threshold where the rules use it, and nothing else', () => {
    const defaults = rulesOf(shipped());
    for (const [name, value] of Object.entries(config.thresholds)) {
      const moved = typeof value === 'number' ? value * 2 : '45m';
      const rules = rulesOf(rendered(`prometheusRule.thresholds.${name}=${moved}`));
      const changed = rules.filter((r, i) => !isDeepStrictEqual(r, defaults[i]));
      expect(changed.length, `${name} changes no rule`).toBeGreaterThan(0);
      for (const rule of changed) expect(JSON.stringify(rule), name).toContain(String(moved));
      expect(rules.map((r) => r.alert)).toEqual(defaults.map((r) => r.alert));
    }
  });

  it('writes seconds shown in hours as hours', () => {
    const rule = byName(rendered('prometheusRule.thresholds.restoreRunningSeconds=5400')).get(
      'AtlasBackupRestoreRunningLong',
    );
    expect(rule?.expr).toContain('[5400s:1m]');
    expect(rule?.annotations.description).toContain('over 1.5 h');
  });

  it('writes large thresholds as the mixin does, without an exponent', () => {
    const rules = rulesOf(rendered('prometheusRule.thresholds.sunsetWarningSeconds=5184000'));
    expect(rules.map((r) => r.expr).join('\n')).toContain('< 5184000');
  });

  it('adds labels to every alert, keeping each alert its severity', () => {
    const rules = rulesOf(
      rendered(
        'prometheusRule.additionalRuleLabels.team=dba',
        'prometheusRule.additionalRuleLabels.severity=info',
      ),
    );
    const severities = new Map(rulesOf(shipped()).map((r) => [r.alert, r.labels.severity]));
    for (const rule of rules) {
      expect(rule.labels, rule.alert).toEqual({ severity: severities.get(rule.alert), team: 'dba' });
    }
  });

  it('points runbook_url where it is told, at the alert anchor', () => {
    for (const rule of rulesOf(rendered('prometheusRule.runbookUrl=https://wiki.example.com/atlas'))) {
      expect(rule.annotations.runbook_url).toBe(`https://wiki.example.com/atlas#${rule.alert.toLowerCase()}`);
    }
  });

  it('leaves out a disabled alert, and refuses a name no alert has', () => {
    const [first, ...others] = rulesOf(shipped()).map((r) => r.alert);
    expect(rulesOf(rendered(`prometheusRule.disabled.${first}=true`)).map((r) => r.alert)).toEqual(others);
    expect(rulesOf(rendered(`prometheusRule.disabled.${first}=false`)).map((r) => r.alert)).toEqual([
      first,
      ...others,
    ]);
    const typo = template({
      set: ['demo=true', 'prometheusRule.enabled=true', 'prometheusRule.disabled.Nope=true'],
    });
    expect(typo.stderr).toContain('prometheusRule.disabled.Nope: no alert has that name');
  });

  it.skipIf(!hasBinary(PROMTOOL))('renders rules promtool accepts, by default and tuned', () => {
    const count = rulesOf(shipped()).length;
    expect(promtoolAccepts('defaults', rendered())).toContain(`SUCCESS: ${count} rules found`);
    const variants: Record<string, string[]> = {
      // --set splits on unescaped commas
      selector: ['prometheusRule.selector=job="atlas-backup"\\,namespace=~"mon.*"'],
      // factors with a fraction; seconds are whole (the schema says so: PromQL durations take none)
      thresholds: Object.entries(config.thresholds).map(([name, value]) => {
        const tuned =
          typeof value === 'string' ? '1h30m' : name.endsWith('Seconds') ? value * 3 : value * 3 + 0.5;
        return `prometheusRule.thresholds.${name}=${tuned}`;
      }),
      routed: [
        'prometheusRule.additionalRuleLabels.team=dba',
        'prometheusRule.runbookUrl=https://wiki.example.com/a b?x="y"',
      ],
      fewer: ['prometheusRule.disabled.AtlasBackupApiSunset=true'],
    };
    for (const [name, set] of Object.entries(variants)) {
      const spec = rendered(...set);
      expect(promtoolAccepts(name, spec), name).toContain('SUCCESS');
    }
  });
});
