import { readdirSync, readFileSync } from 'node:fs';

const DASHBOARDS = new URL('../../dashboards/', import.meta.url);

interface Target {
  expr?: string;
  refId?: string;
}
interface Panel {
  title: string;
  targets?: Target[];
}
interface Variable {
  name: string;
  type: string;
  query?: string;
  regex?: string;
}
export interface Dashboard {
  uid: string;
  title: string;
  panels: Panel[];
  templating: { list: Variable[] };
}

/** The committed dashboards, as users import them. */
export function loadDashboards(): Dashboard[] {
  return readdirSync(DASHBOARDS)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(new URL(f, DASHBOARDS), 'utf8')) as Dashboard);
}

/** One query of one panel: what Grafana sends to Prometheus before substituting variables. */
export interface PanelQuery {
  panel: string;
  refId: string;
  expr: string;
}

export function panelQueries(d: Dashboard): PanelQuery[] {
  return d.panels.flatMap((p) =>
    (p.targets ?? []).map((t, i) => ({ panel: p.title, refId: t.refId ?? String(i), expr: t.expr ?? '' })),
  );
}

/**
 * Substitutes `$name`, `${name}` and `${name:format}` as Grafana does for single values; a
 * variable the test did not give is an error, so no query goes out half-substituted.
 */
export function interpolate(expr: string, values: Record<string, string>): string {
  return expr.replace(/\$\{(\w+)(?::\w+)?\}|\$(\w+)/g, (_, braced: string, bare: string) => {
    const name = braced ?? bare;
    const value = values[name];
    if (value === undefined) throw new Error(`no value for $${name} in ${expr}`);
    return value;
  });
}

/**
 * A query variable's PromQL: `label_values(expr, label)` lists the label over the series of
 * expr, `query_result(expr)` is expr itself.
 */
export function variablePromql(query: string): { expr: string; label?: string } {
  const labelValues = /^label_values\((.+),\s*(\w+)\)$/.exec(query);
  if (labelValues?.[1] && labelValues[2]) return { expr: labelValues[1], label: labelValues[2] };
  const queryResult = /^query_result\((.+)\)$/.exec(query);
  if (queryResult?.[1]) return { expr: queryResult[1] };
  throw new Error(`unsupported variable query ${query}`);
}

/** A series as Grafana's query_result() shows it, for the variable's regex to read. */
export function queryResultText(metric: Record<string, string>, value: string): string {
  const { __name__: name = '', ...labels } = metric;
  const pairs = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  return `${name}{${pairs.join(',')}} ${value}`;
}
