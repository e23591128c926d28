import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import type { Panel } from '@grafana/grafana-foundation-sdk/dashboard';
import type { Config } from '../config.js';

/** One alerting rule, before alerts.ts adds the runbook link and writes the rule file. */
export interface Alert {
  alert: string;
  expr: string;
  for: string;
  /** info: worth knowing, nothing to fix now (route it to a ticket queue, not a pager) */
  severity: 'info' | 'warning' | 'critical';
  summary: string;
  description: string;
}

export type PanelBuilder = cog.Builder<Panel>;

/**
 * What one collector (or the exporter itself) adds to the mixin: its alert group and its panels
 * on each dashboard, in order. alerts.ts and dashboards/* walk MIXIN_PARTS and name no collector;
 * a dashboard's selector (`job="$job",instance="$instance"`, plus a cluster on the cluster
 * dashboard) comes in as `selector`.
 */
export interface MixinPart {
  readonly name: string;
  alerts?(c: Config): Alert[];
  overview?(selector: string, c: Config): PanelBuilder[];
  cluster?(selector: string, c: Config): PanelBuilder[];
  exporter?(selector: string, c: Config): PanelBuilder[];
}

/** How an alert names a cluster; its expression adds group_name (withProjectName). */
export const CLUSTER =
  '{{ $labels.cluster_kind }} cluster {{ $labels.cluster_name }} (project {{ $labels.group_name }})';
