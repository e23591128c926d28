import { PanelBuilder as Stat } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as Table } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as TimeSeries } from '@grafana/grafana-foundation-sdk/timeseries';
import { exporterQueries } from '../backup-queries.js';
import { config } from '../config.js';
import {
  DS,
  dashboard,
  LAST,
  latest,
  OK_MAPPING,
  organize,
  RATE,
  series,
  steps,
  TARGET,
  tableQuery,
} from './common.js';

/** A time series panel of the given queries ([expr, legend]). */
function graph(title: string, unit: string, description: string, ...queries: [string, string][]) {
  const panel = new TimeSeries().title(title).description(description).datasource(DS).unit(unit);
  for (const [expr, legend] of queries) panel.withTarget(series(expr, legend));
  return panel.height(8).span(12);
}

const QUANTILES = [0.5, 0.9, 0.99];

/** Atlas backup exporter: the exporter itself and its use of the Atlas API. */
export function exporter() {
  const e = exporterQueries(TARGET, config.thresholds);
  const rate = (name: string, by: string) => `sum by (${by}) (rate(${e.m(name)}[${RATE}]))`;
  const latency = (q: number): [string, string] => [
    `histogram_quantile(${q}, sum by (endpoint, le) (rate(${e.m('api_request_duration_seconds_bucket')}[${RATE}])))`,
    `p${q * 100} {{endpoint}}`,
  ];
  return dashboard(
    config.dashboards.uids.exporter,
    'Atlas backup exporter',
    'The exporter itself: refreshes, and its requests to the Atlas Administration API.',
    'now-6h',
  )
    .withPanel(
      new Stat()
        .title('Atlas reachable')
        .description('1 if the last refresh authenticated and listed projects.')
        .datasource(DS)
        .withTarget(latest(e.m('up'), 'up'))
        .unit('none')
        .mappings(OK_MAPPING('down'))
        .reduceOptions(LAST)
        .height(8)
        .span(6),
    )
    .withPanel(
      new Stat()
        .title('Data age')
        .description('Age of the backup data the last scrape served (cached for --atlas.cache-ttl).')
        .datasource(DS)
        .withTarget(latest(e.m('data_age_seconds'), 'data age'))
        .unit('s')
        .reduceOptions(LAST)
        .height(8)
        .span(6),
    )
    .withPanel(
      graph('Refresh duration', 's', 'Length of the last refresh.', [
        e.m('refresh_duration_seconds'),
        'duration',
      ]),
    )
    .withPanel(
      graph('Refreshes by result', 'short', 'Refreshes that ended in each result, per rate interval.', [
        `sum by (result) (increase(${e.m('refreshes_total')}[${RATE}]))`,
        '{{result}}',
      ]),
    )
    .withPanel(
      graph('Atlas requests by endpoint and code', 'reqps', 'HTTP status, or timeout / network_error.', [
        rate('api_requests_total', 'endpoint, code'),
        '{{endpoint}} {{code}}',
      ]),
    )
    .withPanel(graph('Atlas request latency', 's', 'Quantiles per endpoint.', ...QUANTILES.map(latency)))
    .withPanel(
      graph(
        'Retries by endpoint and reason',
        'reqps',
        'Requests retried after a 429, 5xx, timeout or reset.',
        [rate('api_retries_total', 'endpoint, reason'), '{{endpoint}} {{reason}}'],
      ),
    )
    .withPanel(
      graph(
        'Rate limit remaining',
        'short',
        'The last RateLimit-Remaining Atlas sent, per endpoint, against the bucket capacity (RateLimit-Limit).',
        [e.m('api_rate_limit_remaining'), '{{endpoint}}'],
        [e.m('api_rate_limit_capacity'), 'capacity {{endpoint}}'],
      ),
    )
    .withPanel(
      new Table()
        .title('Announced sunsets')
        .description('Endpoints Atlas will retire (Sunset header); red within the alert threshold or past.')
        .datasource(DS)
        .withTarget(tableQuery(`${e.m('api_sunset_timestamp_seconds')} * 1000`, 'date'))
        .withTarget(tableQuery(`${e.m('api_sunset_timestamp_seconds')} - time()`, 'left'))
        .withTransformation({ id: 'merge', options: {} })
        .withTransformation(organize(['Time', 'job', 'instance'], { endpoint: 'Endpoint' }))
        .unit('s')
        .overrideByName('Value #date', [
          { id: 'displayName', value: 'Sunset' },
          { id: 'unit', value: 'dateTimeAsIso' },
        ])
        .overrideByName('Value #left', [
          { id: 'displayName', value: 'Time left' },
          {
            id: 'thresholds',
            value: steps('red', [config.thresholds.sunsetWarningSeconds, 'green']).build(),
          },
          { id: 'custom.cellOptions', value: { type: 'color-text' } },
        ])
        .height(8)
        .span(12),
    );
}
