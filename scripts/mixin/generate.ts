import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { alertsYaml } from './alerts.js';
import { chartFiles } from './chart-rules.js';
import { cluster } from './dashboards/cluster.js';
import { exporter } from './dashboards/exporter.js';
import { overview } from './dashboards/overview.js';

/** Stable panel ids (viewPanel= links) and query refIds (overrides), as Grafana would number them. */
function finish(d: Dashboard): Dashboard {
  (d.panels ?? []).forEach((panel, i) => {
    panel.id = i + 1;
    if (!('targets' in panel)) return;
    (panel.targets ?? []).forEach((target, j) => {
      const query = target as { refId?: string };
      query.refId ??= String.fromCharCode(65 + j);
    });
  });
  // the SDK defaults placement to the controls menu, which hides the links behind a click
  for (const link of d.links ?? []) delete link.placement;
  return d;
}

/** Every generated file, by path from the repository root, with its content. */
export function generatedFiles(): Record<string, string> {
  const json = (builder: { build(): Dashboard }) => `${JSON.stringify(finish(builder.build()), null, 2)}\n`;
  const files = {
    'alerts/atlas-backup.yml': alertsYaml(),
    'dashboards/atlas-backup-overview.json': json(overview()),
    'dashboards/atlas-backup-cluster.json': json(cluster()),
    'dashboards/atlas-backup-exporter.json': json(exporter()),
  };
  return { ...files, ...chartFiles(files) };
}
