import { PanelBuilder as Stat } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as Table } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as TimeSeries } from '@grafana/grafana-foundation-sdk/timeseries';
import { CORE_FAMILY, EVENT_FAMILIES as E } from '../../../src/metrics/catalog.js';
import type { Config, Thresholds } from '../config.js';
import {
  DS,
  LAST,
  latest,
  OK_MAPPING,
  organize,
  RATE,
  series,
  steps,
  tableQuery,
} from '../dashboards/common.js';
import { metric } from '../promql.js';
import type { Alert, MixinPart } from './part.js';

/** The exporter's own health conditions. */
export function exporterQueries(selector: string, t: Thresholds) {
  const m = (name: string, extra = '') => metric(name, selector, extra);
  const count = m(E.shards.name);
  const buildInfo = m(E.buildInfo.name);
  return {
    // As kube-state-metrics' mixin, per set of shards: one scrape job (a ServiceMonitor's job is its
    // Service). Shards that disagree on --shard.total split the projects two ways.
    shardingMismatch: `stdvar by (job) (${count}) != 0`,
    // how many of the indexes 0..total-1 no scraped exporter has; count_values counts each once
    shardsMissing:
      `max by (job) (${count})\n- count by (job) ` +
      `(count_values by (job) ("shard_index", ${m(E.shardIndex.name)}))\n> 0`,
    // every other alert needs the exporter's series: this one pages when there are none at all
    absent: `absent(${buildInfo})`,
    buildInfo,
    down: `${m(CORE_FAMILY.up)} == 0`,
    rateLimited: `sum without(code) (increase(${m(E.apiRequests.name, 'code="429"')}[${t.rateLimitedWindow}])) > 0`,
    sunset: `${m(E.sunset.name)} - time() < ${t.sunsetWarningSeconds}`,
    m,
  };
}

function alerts(c: Config): Alert[] {
  const t = c.thresholds;
  const e = exporterQueries(c.alertSelector, t);
  return [
    {
      alert: 'AtlasBackupExporterAbsent',
      expr: e.absent,
      for: c.for.exporterAbsent,
      severity: 'critical',
      summary: 'Prometheus scrapes no Atlas backup exporter.',
      description: `No ${e.buildInfo} for ${c.for.exporterAbsent}: the exporter is down, crash-looping or not scraped, so every Atlas backup alert is silent.`,
    },
    {
      alert: 'AtlasBackupAtlasUnreachable',
      expr: e.down,
      for: c.for.atlasUnreachable,
      severity: 'critical',
      summary: 'Atlas backup exporter cannot reach Atlas.',
      description:
        '{{ $labels.instance }} could not authenticate to Atlas or list projects: backup monitoring is blind.',
    },
    {
      alert: 'AtlasBackupApiRateLimited',
      expr: e.rateLimited,
      for: c.for.rateLimited,
      severity: 'warning',
      summary: 'Atlas is rate limiting the backup exporter.',
      description: `Atlas answered {{ $value | printf "%.0f" }} requests to {{ $labels.endpoint }} with 429 in the last ${t.rateLimitedWindow}.`,
    },
    {
      alert: 'AtlasBackupApiSunset',
      expr: e.sunset,
      for: c.for.sunset,
      severity: 'warning',
      summary: 'An Atlas endpoint the exporter calls is being retired.',
      // a date already past gives a negative value: the endpoint may stop answering any time
      description:
        'Atlas announced a Sunset for {{ $labels.endpoint }}, {{ $value | humanizeDuration }} from now (negative: already past).',
    },
    {
      alert: 'AtlasBackupExporterShardingMismatch',
      expr: e.shardingMismatch,
      for: c.for.shards,
      severity: 'critical',
      summary: 'Atlas backup exporter shards disagree on --shard.total.',
      description:
        'The exporters of {{ $labels.job }} run with different --shard.total values: some projects are exported twice, others not at all.',
    },
    {
      alert: 'AtlasBackupExporterShardsMissing',
      expr: e.shardsMissing,
      for: c.for.shards,
      severity: 'critical',
      summary: 'Atlas backup exporter shards are missing.',
      description:
        '{{ $value }} of the --shard.total shards of {{ $labels.job }} are not scraped: the backups of their projects are not monitored.',
    },
  ];
}

/** The overview's last word: whether the exporter reached Atlas, and how old its data is. */
function overview(selector: string, c: Config) {
  const e = exporterQueries(selector, c.thresholds);
  return [
    new Stat()
      .title('Exporter')
      .description('Whether the exporter reached Atlas, and how old the data it serves is.')
      .datasource(DS)
      .withTarget(latest(e.m(CORE_FAMILY.up), 'up', 'up'))
      .withTarget(latest(e.m(CORE_FAMILY.dataAge), 'data age', 'age'))
      .unit('s')
      .reduceOptions(LAST)
      .overrideByQuery('up', [
        { id: 'unit', value: 'none' },
        { id: 'mappings', value: OK_MAPPING('down') },
      ])
      .height(8)
      .span(12),
  ];
}

/** A time series panel of the given queries ([expr, legend]). */
function graph(title: string, unit: string, description: string, ...queries: [string, string][]) {
  const panel = new TimeSeries().title(title).description(description).datasource(DS).unit(unit);
  for (const [expr, legend] of queries) panel.withTarget(series(expr, legend));
  return panel.height(8).span(12);
}

const QUANTILES = [0.5, 0.9, 0.99];

/** Refreshes, and the exporter's requests to the Atlas Administration API. */
function exporter(selector: string, c: Config) {
  const e = exporterQueries(selector, c.thresholds);
  const rate = (name: string, by: string) => `sum by (${by}) (rate(${e.m(name)}[${RATE}]))`;
  const latency = (q: number): [string, string] => [
    `histogram_quantile(${q}, sum by (endpoint, le) (rate(${e.m(`${E.apiDuration.name}_bucket`)}[${RATE}])))`,
    `p${q * 100} {{endpoint}}`,
  ];
  return [
    new Stat()
      .title('Atlas reachable')
      .description('1 if the last refresh authenticated and listed projects.')
      .datasource(DS)
      .withTarget(latest(e.m(CORE_FAMILY.up), 'up'))
      .unit('none')
      .mappings(OK_MAPPING('down'))
      .reduceOptions(LAST)
      .height(8)
      .span(6),
    new Stat()
      .title('Data age')
      .description('Age of the backup data the last scrape served (cached for --atlas.cache-ttl).')
      .datasource(DS)
      .withTarget(latest(e.m(CORE_FAMILY.dataAge), 'data age'))
      .unit('s')
      .reduceOptions(LAST)
      .height(8)
      .span(6),
    graph('Refresh duration', 's', 'Length of the last refresh.', [
      e.m(CORE_FAMILY.refreshDuration),
      'duration',
    ]),
    graph('Refreshes by result', 'short', 'Refreshes that ended in each result, per rate interval.', [
      `sum by (result) (increase(${e.m(E.refreshes.name)}[${RATE}]))`,
      '{{result}}',
    ]),
    graph('Atlas requests by endpoint and code', 'reqps', 'HTTP status, or timeout / network_error.', [
      rate(E.apiRequests.name, 'endpoint, code'),
      '{{endpoint}} {{code}}',
    ]),
    graph('Atlas request latency', 's', 'Quantiles per endpoint.', ...QUANTILES.map(latency)),
    graph('Retries by endpoint and reason', 'reqps', 'Requests retried after a 429, 5xx, timeout or reset.', [
      rate(E.apiRetries.name, 'endpoint, reason'),
      '{{endpoint}} {{reason}}',
    ]),
    graph(
      'Rate limit remaining',
      'short',
      'The last RateLimit-Remaining Atlas sent, per endpoint, against the bucket capacity (RateLimit-Limit).',
      [e.m(E.rateLimitRemaining.name), '{{endpoint}}'],
      [e.m(E.rateLimitCapacity.name), 'capacity {{endpoint}}'],
    ),
    new Table()
      .title('Announced sunsets')
      .description('Endpoints Atlas will retire (Sunset header); red within the alert threshold or past.')
      .datasource(DS)
      .withTarget(tableQuery(`${e.m(E.sunset.name)} * 1000`, 'date'))
      .withTarget(tableQuery(`${e.m(E.sunset.name)} - time()`, 'left'))
      .withTransformation({ id: 'merge', options: {} })
      .withTransformation(organize(['Time', 'job', 'instance'], { endpoint: 'Endpoint' }))
      .unit('s')
      .overrideByName('Value #date', [
        { id: 'displayName', value: 'Sunset' },
        { id: 'unit', value: 'dateTimeAsIso' },
      ])
      .overrideByName('Value #left', [
        { id: 'displayName', value: 'Time left' },
        { id: 'thresholds', value: steps('red', [c.thresholds.sunsetWarningSeconds, 'green']).build() },
        { id: 'custom.cellOptions', value: { type: 'color-text' } },
      ])
      .height(8)
      .span(12),
    new Stat()
      .title('Shard')
      .description('This exporter’s --shard.index and --shard.total (0 of 1 when not sharded).')
      .datasource(DS)
      .withTarget(latest(e.m(E.shardIndex.name), 'shard index'))
      .withTarget(latest(e.m(E.shards.name), 'shards'))
      .unit('none')
      .reduceOptions(LAST)
      .height(8)
      .span(12),
  ];
}

/** The exporter itself: reading Atlas, its projects and clusters, the API budget, the shards. */
export const exporterPart: MixinPart = { name: 'exporter', alerts, overview, exporter };
