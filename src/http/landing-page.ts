import type { CollectorState } from '../collect/state.js';

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Project names may hold `&'(),:@+`; everything from Atlas or the config is escaped. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

const iso = (ms: number | undefined) => (ms === undefined ? 'never' : new Date(ms).toISOString());

function rows(state: CollectorState): string {
  const clusters = [...state.clusters.values()].sort((a, b) =>
    `${a.info.groupName}/${a.info.name}`.localeCompare(`${b.info.groupName}/${b.info.name}`),
  );
  const clusterRows = clusters.map(
    (c) =>
      `<tr><td>${escapeHtml(c.info.groupName)}</td><td>${escapeHtml(c.info.name)}</td><td>${c.info.kind}</td>` +
      `<td>${c.collectSuccess ? 'ok' : 'failed'}</td><td>${iso(c.lastSuccessMs)}</td><td>${escapeHtml(c.error ?? '')}</td></tr>`,
  );
  const failedProjects = [...state.projects.values()]
    .filter((p) => p.error !== undefined)
    .map(
      (p) =>
        `<tr><td>${escapeHtml(p.group.name)}</td><td>(project)</td><td>${[...p.listed.keys()].join(', ')}</td>` +
        `<td>failed</td><td></td><td>${escapeHtml(p.error)}</td></tr>`,
    );
  return [...failedProjects, ...clusterRows].join('\n');
}

/** The `/` page: what this exporter is, how it is configured (secrets masked), what it sees. */
export function landingPage(input: {
  version: string;
  telemetryPath: string;
  config: Record<string, unknown>;
  state: CollectorState;
}): string {
  const { state } = input;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>MongoDB Atlas backup exporter</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}</style>
</head><body>
<h1>MongoDB Atlas backup exporter</h1>
<p>Version ${escapeHtml(input.version)}. Atlas reachable: ${state.up ? 'yes' : 'no'}; last refresh ${iso(state.lastRefreshEndMs)} (${escapeHtml(state.lastResult ?? 'none yet')})${state.error ? `: ${escapeHtml(state.error)}` : ''}.</p>
<ul><li><a href="${escapeHtml(input.telemetryPath)}">Metrics</a></li><li><a href="/-/healthy">Health</a></li><li><a href="/-/ready">Readiness</a></li></ul>
<h2>Projects and clusters</h2>
<table><tr><th>Project</th><th>Cluster</th><th>Kind</th><th>Last collection</th><th>Last success</th><th>Error</th></tr>
${rows(state)}
</table>
<h2>Configuration</h2>
<pre>${escapeHtml(JSON.stringify(input.config, null, 2))}</pre>
</body></html>
`;
}
