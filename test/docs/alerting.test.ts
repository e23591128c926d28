import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { hasBinary } from '../e2e/binaries.js';

const PROMTOOL = '/usr/bin/promtool';
const AMTOOL = '/usr/bin/amtool';
const CASES = fileURLToPath(new URL('./cookbook.promtool.yml', import.meta.url));
const cookbook = readFileSync(new URL('../../docs/alerting.md', import.meta.url), 'utf8');

/** The cookbook's YAML blocks, as a reader would copy them. */
const blocks = [...cookbook.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
const ruleBlocks = blocks.filter((b) => b.startsWith('groups:'));
const alertmanagerBlocks = blocks.filter((b) => b.startsWith('route:'));
const prometheusBlocks = blocks.filter((b) => b.startsWith('alerting:'));

const dir = mkdtempSync(join(tmpdir(), 'cookbook-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(binary: string, ...args: string[]): string {
  return execFileSync(binary, args, { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
}

/** Writes a block to a file of its own and returns the path. */
function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('the alerting cookbook', () => {
  it('has rule, Alertmanager and Prometheus recipes', () => {
    expect(ruleBlocks).toHaveLength(4);
    expect(alertmanagerBlocks).toHaveLength(2);
    expect(prometheusBlocks).toHaveLength(1);
  });

  describe.skipIf(!hasBinary(PROMTOOL))('with promtool', () => {
    it('has rules that pass promtool check rules and fire only where the recipe says', () => {
      for (const block of ruleBlocks) {
        const { groups } = parse(block) as { groups: Array<{ name: string }> };
        const file = write(`${groups[0]?.name}.yml`, block);
        expect(run(PROMTOOL, 'check', 'rules', file)).toContain('SUCCESS');
      }
      copyFileSync(CASES, join(dir, 'cases.yml'));
      expect(run(PROMTOOL, 'test', 'rules', 'cases.yml')).toContain('SUCCESS');
    });

    it('has a Prometheus alert relabelling that promtool accepts', () => {
      const file = write('prometheus.yml', prometheusBlocks[0] ?? '');
      expect(run(PROMTOOL, 'check', 'config', file)).toContain('SUCCESS');
    });
  });

  describe.skipIf(!hasBinary(AMTOOL, 'apt-get install prometheus-alertmanager'))('with amtool', () => {
    it('has Alertmanager configs that amtool accepts', () => {
      alertmanagerBlocks.forEach((block, i) => {
        expect(run(AMTOOL, 'check-config', write(`alertmanager-${i}.yml`, block))).toContain('SUCCESS');
      });
    });

    it('routes by team, and each listed project to its own receiver', () => {
      const [byTeam = '', byProject = ''] = alertmanagerBlocks.map((b, i) => write(`routes-${i}.yml`, b));
      const route = (file: string, ...labels: string[]) =>
        run(AMTOOL, 'config', 'routes', 'test', `--config.file=${file}`, ...labels).trim();
      expect(route(byTeam, 'team=payments', 'alertname=AtlasBackupSnapshotFailed')).toBe('payments');
      expect(route(byTeam, 'alertname=AtlasBackupSnapshotFailed')).toBe('platform');
      const alert = 'alertname=AtlasBackupSnapshotFailed';
      expect(route(byProject, 'group_id=5f0c1a2b3c4d5e6f7a8b9c0d', alert)).toBe('checkout-oncall');
      expect(route(byProject, 'group_id=60aa1b2c3d4e5f6a7b8c9d0e', alert)).toBe('ledger-oncall');
      expect(route(byProject, 'group_id=0123456789abcdef01234567', alert)).toBe('backup-owners');
      expect(route(byProject, 'alertname=AtlasBackupAtlasUnreachable')).toBe('backup-owners');
    });
  });
});
