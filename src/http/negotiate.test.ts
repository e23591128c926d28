import { describe, expect, it } from 'vitest';
import { negotiateFormat } from './negotiate.js';

const PROMETHEUS_2 =
  'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,' +
  'text/plain;version=0.0.4;q=0.5,*/*;q=0.1';
const PROMETHEUS_3 =
  'application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,' +
  'application/openmetrics-text;version=0.0.1;q=0.5,text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,' +
  'text/plain;version=0.0.4;q=0.3,*/*;q=0.2';
const PROTOBUF_FIRST =
  'application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.7,' +
  'application/openmetrics-text;version=1.0.0;q=0.6,text/plain;version=0.0.4;q=0.3';

const CASES: Array<[string, string | undefined, 'prometheus' | 'openmetrics']> = [
  ['no header', undefined, 'prometheus'],
  ['an empty header', '', 'prometheus'],
  ['only a wildcard', '*/*', 'prometheus'],
  ['a type we do not write', 'application/json', 'prometheus'],
  ['OpenMetrics without a version', 'application/openmetrics-text', 'openmetrics'],
  ['OpenMetrics 1.0.0', 'application/openmetrics-text;version=1.0.0', 'openmetrics'],
  ['OpenMetrics 0.0.1', 'application/openmetrics-text; version=0.0.1', 'openmetrics'],
  ['an OpenMetrics version we do not write', 'application/openmetrics-text;version=2.0.0', 'prometheus'],
  [
    'a version we do not write, then one we do at a lower q',
    'application/openmetrics-text;version=2.0.0, application/openmetrics-text;version=1.0.0;q=0.1',
    'openmetrics',
  ],
  [
    'text with q=1, OpenMetrics refused with q=0',
    'text/plain, application/openmetrics-text;q=0',
    'prometheus',
  ],
  ['OpenMetrics refused with q=0 alone', 'application/openmetrics-text;q=0', 'prometheus'],
  ['everything refused: the text fallback', 'text/plain;q=0, application/openmetrics-text;q=0', 'prometheus'],
  ['an unreadable q counts as 0', 'application/openmetrics-text;q=high', 'prometheus'],
  [
    'the higher q wins, listed second',
    'text/plain;q=0.9, application/openmetrics-text;q=0.95',
    'openmetrics',
  ],
  ['the higher q wins, listed first', 'application/openmetrics-text;q=0.4, text/plain;q=0.5', 'prometheus'],
  ['a tie goes to the first listed: OpenMetrics', 'application/openmetrics-text, text/plain', 'openmetrics'],
  ['a tie goes to the first listed: text', 'text/plain, application/openmetrics-text', 'prometheus'],
  ['a tie at q<1', 'text/plain;q=0.5, application/openmetrics-text;q=0.5', 'prometheus'],
  [
    'text 1.0.0 is not text 0.0.4: the next clause wins',
    'text/plain;version=1.0.0;q=0.9, application/openmetrics-text;q=0.5',
    'openmetrics',
  ],
  ['text 0.0.4 asked for by version', 'text/plain;version=0.0.4', 'prometheus'],
  ['Prometheus 2 scrapes', PROMETHEUS_2, 'openmetrics'],
  ['Prometheus 3 scrapes', PROMETHEUS_3, 'openmetrics'],
  [
    'Prometheus with scrape_protocols: [PrometheusText0.0.4]',
    'text/plain;version=0.0.4;q=1,*/*;q=0.1',
    'prometheus',
  ],
  ['protobuf first, which we do not write', PROTOBUF_FIRST, 'openmetrics'],
  ['names in any case', 'Application/OpenMetrics-Text; Version=1.0.0', 'openmetrics'],
  ['a quoted version', 'application/openmetrics-text;version="1.0.0"', 'openmetrics'],
  ['spaces around everything', ' application/openmetrics-text ; q=0.8 , text/plain ; q=0.7 ', 'openmetrics'],
];

describe('Accept negotiation, as Go’s promhttp does it', () => {
  it.each(CASES)('%s', (_name, accept, format) => {
    expect(negotiateFormat(accept)).toBe(format);
  });
});
