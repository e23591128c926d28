import type { MetricObjectWithValues, MetricValue, Registry } from 'prom-client';

export type ExpositionFormat = 'prometheus' | 'openmetrics';

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

function formatLabels(labels: Record<string, string | number | undefined>): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(labels)) {
    if (value === undefined) continue;
    parts.push(`${name}="${escapeLabel(typeof value === 'number' ? formatValue(value) : value)}"`);
  }
  return parts.length === 0 ? '' : `{${parts.join(',')}}`;
}

type Family = MetricObjectWithValues<MetricValue<string>>;

function encodeFamily(family: Family, format: ExpositionFormat): string {
  // OpenMetrics names a counter family without its _total suffix and puts it on the samples.
  const isOpenCounter = format === 'openmetrics' && String(family.type) === 'counter';
  const name = isOpenCounter ? family.name.replace(/_total$/, '') : family.name;
  const lines = [`# HELP ${name} ${escapeHelp(family.help)}`, `# TYPE ${name} ${family.type}`];
  for (const sample of family.values) {
    const sampleName =
      (sample as { metricName?: string }).metricName ?? (isOpenCounter ? `${name}_total` : name);
    lines.push(`${sampleName}${formatLabels(sample.labels)} ${formatValue(sample.value)}`);
  }
  return lines.join('\n');
}

/**
 * Encodes a registry in either format. prom-client renames shared counters when it renders
 * OpenMetrics itself, so both formats are encoded here from the same values.
 */
export async function encode(registry: Registry, format: ExpositionFormat): Promise<string> {
  const families = (await registry.getMetricsAsJSON()) as Family[];
  const body = families.map((f) => encodeFamily(f, format)).join('\n');
  return format === 'openmetrics' ? `${body}\n# EOF\n` : `${body}\n`;
}
