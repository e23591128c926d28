import { describe, expect, it } from 'vitest';
import { config } from '../../scripts/mixin/config.js';
import { loadDashboards, panelQueries } from '../e2e/dashboard-queries.js';

const dashboards = loadDashboards();
const raw = (d: unknown) => JSON.stringify(d);

interface PanelJson {
  title: string;
  datasource?: { uid?: string };
  fieldConfig?: { defaults?: { unit?: string } };
}

describe.each(dashboards.map((d) => [d.title, d] as const))('%s', (_, d) => {
  it('has a fixed uid of ours and the shared tag that links the three', () => {
    expect(Object.values(config.dashboards.uids)).toContain(d.uid);
    expect(raw(d)).toContain(`"tags":["${config.dashboards.tag}"]`);
  });

  it('reads the datasource variable, never an import placeholder', () => {
    expect(raw(d)).not.toContain('DS_');
    const names = d.templating.list.map((v) => `${v.type}:${v.name}`);
    expect(names).toEqual(expect.arrayContaining(['datasource:datasource', 'query:job', 'query:instance']));
    for (const p of d.panels as PanelJson[]) {
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's variable syntax
      expect(p.datasource?.uid, p.title).toBe('${datasource}');
    }
  });

  it('gives every panel a unit', () => {
    for (const p of d.panels as PanelJson[]) expect(p.fieldConfig?.defaults?.unit, p.title).toBeTruthy();
  });

  it('selects the chosen exporter and rates over $__rate_interval', () => {
    for (const q of panelQueries(d)) {
      const where = `${q.panel} / ${q.refId}`;
      expect(q.expr, where).toContain('job="$job",instance="$instance"');
      for (const window of q.expr.matchAll(/(?:rate|increase)\([^[]+\[([^\]]+)\]/g)) {
        expect(window[1], where).toBe('$__rate_interval');
      }
    }
  });
});

it('has the three dashboards of the issue', () => {
  expect(dashboards.map((d) => d.uid).sort()).toEqual(Object.values(config.dashboards.uids).sort());
});
