import type { MetricObjectWithValues, MetricValue, Registry } from 'prom-client';

/** The one writer of the exposition formats: every family, ours or prom-client's, goes through it. */

export type ExpositionFormat = 'prometheus' | 'openmetrics';
export type FamilyType = 'gauge' | 'counter' | 'histogram';

export const CONTENT_TYPES: Readonly<Record<ExpositionFormat, string>> = {
  prometheus: 'text/plain; version=0.0.4; charset=utf-8',
  openmetrics: 'application/openmetrics-text; version=1.0.0; charset=utf-8',
};

export const escapeHelp = (text: string) => text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
export const escapeLabel = (text: string) => escapeHelp(text).replace(/"/g, '\\"');

export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}

/** `a="1",b="2"`: label names with their values, escaped. */
export function labelText(names: readonly string[], values: readonly string[]): string {
  let text = '';
  for (let i = 0; i < names.length; i++) {
    text += `${i === 0 ? '' : ','}${names[i]}="${escapeLabel(values[i] ?? '')}"`;
  }
  return text;
}

/**
 * A family's HELP and TYPE lines. OpenMetrics names a counter family without its _total suffix
 * (its samples keep it); our own families are gauges, the same in both formats.
 */
export function familyHeader(name: string, help: string, type: FamilyType, format: ExpositionFormat) {
  const bare = format === 'openmetrics' && type === 'counter' ? name.replace(/_total$/, '') : name;
  return [`# HELP ${bare} ${escapeHelp(help)}`, `# TYPE ${bare} ${type}`];
}

/** A sample line up to its value; `labels` is label text as labelText makes it, '' for none. */
export function samplePrefix(name: string, labels: string): string {
  return labels === '' ? `${name} ` : `${name}{${labels}} `;
}

/** One sample line. */
export function sampleLine(name: string, labels: string, value: number): string {
  return samplePrefix(name, labels) + formatValue(value);
}

type PromFamily = MetricObjectWithValues<MetricValue<string>>;

function promLabels(labels: Record<string, string | number | undefined>): string {
  const names: string[] = [];
  const values: string[] = [];
  for (const [name, value] of Object.entries(labels)) {
    if (value === undefined) continue;
    names.push(name);
    values.push(typeof value === 'number' ? formatValue(value) : value);
  }
  return labelText(names, values);
}

/**
 * A prom-client registry in either format. prom-client renames shared counters when it renders
 * OpenMetrics itself, so both formats are written here from the same values.
 */
export async function registryLines(registry: Registry, format: ExpositionFormat): Promise<string[]> {
  const lines: string[] = [];
  for (const family of (await registry.getMetricsAsJSON()) as PromFamily[]) {
    const type = String(family.type) as FamilyType;
    lines.push(...familyHeader(family.name, family.help, type, format));
    const isOpenCounter = format === 'openmetrics' && type === 'counter';
    const sampleName = isOpenCounter ? `${family.name.replace(/_total$/, '')}_total` : family.name;
    for (const sample of family.values) {
      const name = (sample as { metricName?: string }).metricName ?? sampleName;
      lines.push(sampleLine(name, promLabels(sample.labels), sample.value));
    }
  }
  return lines;
}
