import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBinary } from './binaries.js';
import {
  type Dashboard,
  interpolate,
  loadDashboards,
  panelQueries,
  queryResultText,
  variablePromql,
} from './dashboard-queries.js';
import { type Child, freePort, start, waitFor } from './processes.js';
import { PROMETHEUS, type Prometheus, type RuleAlert, startPrometheus } from './prometheus.js';
import { EXPECTED_ALERTS, HEALTHY, SILENT_ALERTS, SILENT_ENDPOINTS } from './scenario.js';

const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
const ALERTS = fileURLToPath(new URL('../../alerts/', import.meta.url));
const JOB = 'atlas-backup';
// Rates need two samples in the window; at a 1 s scrape interval 10 s holds about ten.
const RATE_INTERVAL = '10s';

const ruleFiles = readdirSync(ALERTS)
  .filter((f) => f.endsWith('.yml') && !f.endsWith('.test.yml'))
  .map((f) => `${ALERTS}${f}`);
const dashboards = Object.fromEntries(loadDashboards().map((d) => [d.uid, d]));

function dashboard(uid: string): Dashboard {
  const d = dashboards[uid];
  if (!d) throw new Error(`no dashboard ${uid}`);
  return d;
}

const has = (a: RuleAlert, name: string, labels: Record<string, string>) =>
  a.labels.alertname === name && Object.entries(labels).every(([k, v]) => a.labels[k] === v);

describe.skipIf(!hasBinary(PROMETHEUS))('the demo scenario through a real Prometheus', () => {
  let exporter: Child;
  let prom: Prometheus;
  let vars: Record<string, string>;

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build (npm test does)`);
    const instance = `127.0.0.1:${await freePort()}`;
    vars = { job: JOB, instance, datasource: 'prometheus', __rate_interval: RATE_INTERVAL };
    // A 2 s cache makes the exporter refresh while we watch, so request rates and latency
    // quantiles have data; with the default 5m they would stay flat for the whole test.
    exporter = start(process.execPath, [
      MAIN,
      '--demo',
      `--web.listen-address=${instance}`,
      '--atlas.cache-ttl=2s',
    ]);
    prom = await startPrometheus(JOB, instance, ruleFiles);
    const samples = `count_over_time(mongodbatlas_exporter_up{job="${JOB}"}[${RATE_INTERVAL}])`;
    await waitFor('eight scrapes of the exporter', 40_000, async () => {
      const [s] = await prom.query(samples);
      return Number(s?.value[1] ?? 0) >= 8 ? true : undefined;
    }).catch((err: Error) => {
      throw new Error(`${err.message}\nexporter: ${exporter.output()}\nprometheus: ${prom.output()}`);
    });
  }, 55_000);

  afterAll(async () => {
    await prom?.stop();
    await exporter?.stop();
  });

  /** The panels among `queries` whose query returns no series, or only NaN. */
  async function empty(d: Dashboard, values: Record<string, string>) {
    const out: string[] = [];
    for (const q of panelQueries(d)) {
      const result = await prom.query(interpolate(q.expr, values));
      if (!result.some((s) => Number.isFinite(Number(s.value[1])))) out.push(`${q.panel} / ${q.refId}`);
    }
    return out;
  }

  it.each(['atlas-backup-overview', 'atlas-backup-exporter'])(
    'every query of %s returns data',
    async (uid) => {
      const gaps = await empty(dashboard(uid), vars);
      expect(gaps).toEqual([]);
    },
  );

  it('every query of the cluster dashboard returns data for some cluster of the demo', async () => {
    const clusters = await prom.query(`group by (group_id, cluster_name) (mongodbatlas_backup_cluster_info)`);
    expect(clusters.length).toBeGreaterThanOrEqual(10);
    let stillEmpty: string[] | undefined;
    for (const c of clusters) {
      const values = { ...vars, project: c.metric.group_id ?? '', cluster: c.metric.cluster_name ?? '' };
      const gaps = await empty(dashboard('atlas-backup-cluster'), values);
      stillEmpty = stillEmpty ? stillEmpty.filter((g) => gaps.includes(g)) : gaps;
    }
    expect(stillEmpty).toEqual([]);
  });

  /** A variable's options as Grafana would list them: label values, or regex groups of query_result. */
  async function options(name: string, values: Record<string, string>) {
    const v = dashboard('atlas-backup-cluster').templating.list.find((x) => x.name === name);
    if (!v?.query) throw new Error(`no query variable ${name}`);
    const { expr, label } = variablePromql(interpolate(v.query, values));
    const result = await prom.query(expr);
    if (label) return [...new Set(result.map((s) => s.metric[label]))].map((x) => ({ text: x, value: x }));
    const re = new RegExp((v.regex ?? '/(?<value>.*)/').slice(1, -1));
    return result.map((s) => ({ ...re.exec(queryResultText(s.metric, s.value[1]))?.groups }));
  }

  it('lists the job, instance, projects by name and their clusters as variable options', async () => {
    expect(await options('job', vars)).toContainEqual({ text: JOB, value: JOB });
    expect(await options('instance', vars)).toContainEqual({ text: vars.instance, value: vars.instance });
    const projects = await options('project', vars);
    // the scenario's project name has every character that breaks a careless regex or matcher
    const lab = projects.find((p) => p.text === "R&D:analytics(eu),O'Brien@lab+1");
    expect(lab?.value).toMatch(/^[0-9a-f]{24}$/);
    const clusters = await options('cluster', { ...vars, project: lab?.value ?? '' });
    expect(clusters.map((c) => c.value).sort()).toEqual(
      expect.arrayContaining(['events-dev', 'reports-dev', 'search-staging', 'telemetry-dev']),
    );
  });

  it('puts the alerts meant for the problems of the scenario in pending or firing', async () => {
    const alerts = await waitFor('every expected alert', 15_000, async () => {
      const all = await prom.alerts();
      return EXPECTED_ALERTS.every(([name, labels]) => all.some((a) => has(a, name, labels)))
        ? all
        : undefined;
    }).catch(async (err: Error) => {
      throw new Error(`${err.message}; got ${JSON.stringify((await prom.alerts()).map((a) => a.labels))}`);
    });
    for (const a of alerts) expect(['pending', 'firing']).toContain(a.state);
  });

  it('leaves the healthy clusters, the exporter and the later sunset alone', async () => {
    const alerts = await prom.alerts();
    const noisy = alerts.filter(
      (a) =>
        HEALTHY.includes(a.labels.cluster_name ?? '') ||
        SILENT_ALERTS.includes(a.labels.alertname ?? '') ||
        SILENT_ENDPOINTS.includes(a.labels.endpoint ?? ''),
    );
    expect(noisy.map((a) => a.labels)).toEqual([]);
    // Only the project the credentials cannot read is "not collected", for every kind.
    const [legacy] = await prom.query('mongodbatlas_backup_project_info{group_name="finance-legacy"}');
    const notCollected = alerts.filter((a) => a.labels.alertname === 'AtlasBackupProjectNotCollected');
    expect(new Set(notCollected.map((a) => a.labels.group_id))).toEqual(new Set([legacy?.metric.group_id]));
    expect(notCollected.map((a) => a.labels.cluster_kind).sort()).toEqual([
      'dedicated',
      'flex',
      'serverless',
    ]);
  });
});
