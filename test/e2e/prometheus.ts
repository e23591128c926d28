import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Child, freePort, start, waitFor } from './processes.js';

export const PROMETHEUS = '/usr/bin/prometheus';

/** One series of an instant query. */
export interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}

/** One alert of /api/v1/rules. */
export interface RuleAlert {
  labels: Record<string, string>;
  state: 'pending' | 'firing';
}

/** A real Prometheus on loopback scraping `target` every second with our rule files. */
export async function startPrometheus(job: string, target: string, ruleFiles: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-e2e-prometheus-'));
  const config = {
    global: { scrape_interval: '1s', evaluation_interval: '1s' },
    rule_files: ruleFiles,
    scrape_configs: [{ job_name: job, static_configs: [{ targets: [target] }] }],
  };
  // JSON is YAML: no YAML library needed for the config
  writeFileSync(join(dir, 'prometheus.yml'), JSON.stringify(config));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: Child = start(PROMETHEUS, [
    `--config.file=${join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--log.level=warn',
  ]);

  async function api<T>(path: string): Promise<T> {
    const res = await fetch(`${url}${path}`);
    const body = (await res.json()) as { status: string; data: T; error?: string };
    if (body.status !== 'success') throw new Error(`${path}: ${body.error}`);
    return body.data;
  }
  const query = async (expr: string) =>
    (await api<{ result: Sample[] }>(`/api/v1/query?query=${encodeURIComponent(expr)}`)).result;
  const alerts = async () => {
    const data = await api<{ groups: { rules: { type: string; alerts?: RuleAlert[] }[] }[] }>(
      '/api/v1/rules',
    );
    return data.groups.flatMap((g) =>
      g.rules.flatMap((r) => (r.type === 'alerting' ? (r.alerts ?? []) : [])),
    );
  };

  await waitFor('Prometheus to be ready', 15_000, async () =>
    (await fetch(`${url}/-/ready`)).ok ? true : undefined,
  ).catch(async (err: Error) => {
    await child.stop();
    throw new Error(`${err.message}\n${child.output()}`);
  });
  return {
    query,
    alerts,
    output: child.output,
    stop: async () => {
      await child.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type Prometheus = Awaited<ReturnType<typeof startPrometheus>>;
