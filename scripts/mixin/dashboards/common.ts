import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import {
  ReduceDataOptionsBuilder,
  StackingConfigBuilder,
  StackingMode,
} from '@grafana/grafana-foundation-sdk/common';
import {
  DashboardBuilder,
  DashboardLinkBuilder,
  DashboardLinkType,
  DatasourceVariableBuilder,
  MappingType,
  QueryVariableBuilder,
  ThresholdsConfigBuilder,
  ThresholdsMode,
  type ValueMapping,
  type VariableModel,
  VariableRefresh,
  VariableSort,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder, PromQueryFormat } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as Stat } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TimeSeries } from '@grafana/grafana-foundation-sdk/timeseries';
import { CORE_FAMILY } from '../../../src/metrics/catalog.js';
import { config } from '../config.js';

/** Every panel and query reads the datasource the user picked: no `${DS_…}` import placeholders. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's variable syntax
export const DS = { type: 'prometheus', uid: '${datasource}' };
/** The exporter instance every dashboard is about. */
export const TARGET = 'job="$job",instance="$instance"';
/** The window of every rate(): Grafana widens it to at least four scrape intervals. */
export const RATE = '$__rate_interval';

/** A query drawn over time. */
export function series(expr: string, legend: string, refId?: string) {
  const q = new DataqueryBuilder().datasource(DS).expr(expr).legendFormat(legend).range();
  return refId === undefined ? q : q.refId(refId);
}

/** An instant query whose labels become table columns. */
export function tableQuery(expr: string, refId: string) {
  return new DataqueryBuilder()
    .datasource(DS)
    .expr(expr)
    .instant()
    .format(PromQueryFormat.Table)
    .refId(refId);
}

/** An instant query for stat panels. */
export function latest(expr: string, legend: string, refId?: string) {
  return series(expr, legend, refId).instant();
}

/** `base` below the first step, then each colour from its value up. */
export function steps(base: string, ...from: [number, string][]) {
  // Grafana's first step has value null: "from minus infinity"
  const first = { value: null as unknown as number, color: base };
  return new ThresholdsConfigBuilder()
    .mode(ThresholdsMode.Absolute)
    .steps([first, ...from.map(([value, color]) => ({ value, color }))]);
}

/** Value → text and colour. */
export function mapValues(entries: [number, string, string][]): ValueMapping[] {
  const options: Record<string, { text: string; color: string; index: number }> = {};
  entries.forEach(([value, text, color], index) => {
    options[String(value)] = { text, color, index };
  });
  return [{ type: MappingType.ValueToText, options }];
}

/** 1 → ok (green), 0 → the given word (red). */
export const OK_MAPPING = (bad: string) =>
  mapValues([
    [1, 'ok', 'green'],
    [0, bad, 'red'],
  ]);

/** Stat panels show the last value, not a mean over the range. */
export const LAST = new ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false);

function targetVariables(): cog.Builder<VariableModel>[] {
  return [
    new DatasourceVariableBuilder('datasource').label('Data source').type('prometheus'),
    queryVariable('job', 'Job', `label_values(${CORE_FAMILY.up}, job)`),
    queryVariable('instance', 'Instance', `label_values(${CORE_FAMILY.up}{job="$job"}, instance)`),
  ];
}

/** A dashboard of this exporter: fixed uid, tag, the datasource/job/instance variables, links to the others. */
export function dashboard(uid: string, title: string, description: string, from: string) {
  const builder = new DashboardBuilder(title)
    .uid(uid)
    .description(description)
    .tags([config.dashboards.tag])
    .editable()
    .time({ from, to: 'now' })
    .refresh('1m')
    .link(
      new DashboardLinkBuilder('Atlas backups')
        .type(DashboardLinkType.Dashboards)
        .tags([config.dashboards.tag])
        .asDropdown(false)
        .includeVars(true)
        .keepTime(true),
    );
  for (const v of targetVariables()) builder.withVariable(v);
  return builder;
}

/** A single-value query variable, refreshed with the time range. */
export function queryVariable(name: string, label: string, expr: string, regex?: string) {
  const v = new QueryVariableBuilder(name)
    .label(label)
    .datasource(DS)
    .query(expr)
    .definition(expr)
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .sort(VariableSort.AlphabeticalAsc);
  return regex === undefined ? v : v.regex(regex);
}

/** Leaves out the named fields and renames others (label columns of table queries). */
export function organize(hidden: string[], rename: Record<string, string>) {
  const excludeByName = Object.fromEntries(hidden.map((name) => [name, true]));
  return { id: 'organize', options: { excludeByName, renameByName: rename } };
}

/** A count of clusters in a bad state; 0, not "no data", when there are none. */
export function total(title: string, expr: string, description: string) {
  return new Stat()
    .title(title)
    .description(description)
    .datasource(DS)
    .withTarget(latest(`count(${expr}) or vector(0)`, title))
    .unit('short')
    .reduceOptions(LAST)
    .thresholds(steps('green', [1, 'red']))
    .height(4)
    .span(4);
}

/** A stat of timestamps (Unix seconds) shown relative to now. */
export function when(title: string, description: string, ...queries: [string, string][]) {
  const stat = new Stat().title(title).description(description).datasource(DS).unit('dateTimeFromNow');
  for (const [expr, legend] of queries) stat.withTarget(latest(`${expr} * 1000`, legend));
  return stat.reduceOptions(LAST).height(5).span(6);
}

/** Counts by status over time, stacked. */
export function byStatus(title: string, description: string, expr: string, legend: string) {
  return new TimeSeries()
    .title(title)
    .description(description)
    .datasource(DS)
    .withTarget(series(expr, legend))
    .unit('short')
    .stacking(new StackingConfigBuilder().mode(StackingMode.Normal))
    .fillOpacity(30)
    .height(8)
    .span(12);
}
