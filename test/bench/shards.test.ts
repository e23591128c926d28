import { describe, expect, it } from 'vitest';
import { ALL_COLLECTORS, collectorsOn } from '../../bench/collectors.js';
import { isToken } from '../../bench/common.js';
import { startBenchExporter } from '../../bench/exporter.js';
import { againstMinimum, minimumRequests } from '../../bench/minimum.js';
import { backupSeries, compareSeries } from '../../bench/series.js';
import { byShard } from '../../bench/sharded.js';
import { countBy } from '../../bench/stats.js';
import { type RequestLogEntry, startSimulator } from '../../simulator/index.js';
import { ownsProject } from '../../src/resources/projects/shard.js';

const FROZEN = Date.UTC(2026, 10, 2, 12);
const SHARDS = [0, 1, 2].map((index) => ({ index, total: 3 }));

describe("the sharded bench's accounting", () => {
  it("counts each shard's minimum on its own projects and the whole projects list", async () => {
    const sim = await startSimulator({ projects: 12, clusters: 3, dedicated: 6, now: () => FROZEN });
    try {
      const whole = minimumRequests(sim.world, true, 500);
      const parts = SHARDS.map((s) => minimumRequests(sim.world, true, 500, [], (id) => ownsProject(s, id)));
      for (const endpoint of Object.keys(whole)) {
        const together = parts.reduce((n, p) => n + (p[endpoint] ?? 0), 0);
        // Every shard lists every project; everything else is read by exactly one shard.
        expect(together, endpoint).toBe(endpoint === 'groups' ? 3 * (whole.groups ?? 0) : whole[endpoint]);
      }
      expect(parts.every((p) => (p.flex_snapshots ?? 0) > 0)).toBe(true);
    } finally {
      await sim.close();
    }
  });

  it("tells the shards' requests apart by the project in the path, the projects list dealt out", () => {
    const ids = ['5f0000000000000000000001', '5f0000000000000000000002', '5f0000000000000000000003'];
    const entry = (path: string, endpoint: RequestLogEntry['endpoint']): RequestLogEntry => ({
      method: 'GET',
      path,
      query: {},
      status: 200,
      endpoint,
      time: FROZEN,
    });
    const log = [
      entry('/api/oauth/token', 'oauth_token'),
      ...SHARDS.map(() => entry('/api/atlas/v2/groups', 'groups')),
      ...ids.map((id) => entry(`/api/atlas/v2/groups/${id}/flexClusters`, 'flex_clusters')),
    ];
    const split = byShard(log, SHARDS);
    expect(split.map((s) => s.filter((e) => e.endpoint === 'groups').length)).toEqual([1, 1, 1]);
    expect(split.flat().some((e) => e.endpoint === 'oauth_token')).toBe(false);
    for (const [index, sent] of split.entries())
      for (const e of sent.filter((x) => x.endpoint === 'flex_clusters'))
        expect(ownsProject({ index, total: 3 }, e.path.split('/')[5] ?? '')).toBe(true);
    expect(split.flat().filter((e) => e.endpoint === 'flex_clusters')).toHaveLength(3);
  });

  it("compares the shards' series with the unsharded ones, own families apart", () => {
    const body = (...lines: string[]) =>
      [
        '# HELP x',
        ...lines,
        'mongodbatlas_exporter_up 1',
        'process_cpu_seconds_total 3',
        'nodejs_heap 1',
        '',
      ].join('\n');
    const a = 'mongodbatlas_backup_cluster_info{group_id="a"} 1';
    const b = 'mongodbatlas_backup_cluster_info{group_id="b"} 1';
    const b2 = 'mongodbatlas_backup_cluster_info{group_id="b"} 2';
    expect(backupSeries(body(a, b))).toEqual([a, b]);
    const equal = compareSeries(backupSeries(body(a, b)), [backupSeries(body(a)), backupSeries(body(b))]);
    expect(equal).toMatchObject({ wholeSeries: 2, partSeries: [1, 1], inTwoParts: 0, missing: 0, extra: 0 });
    expect(compareSeries([a, b], [[a], [a, b]])).toMatchObject({ inTwoParts: 1, missing: 0, extra: 0 });
    expect(compareSeries([a, b], [[a], [b2]])).toMatchObject({ inTwoParts: 0, missing: 1, extra: 1 });
  });
});

describe("the bench's minimum", () => {
  it('adds one page per cluster with backup from each endpoint of a collector switched on', async () => {
    const sim = await startSimulator({ projects: 4, clusters: 3, dedicated: 4, now: () => FROZEN });
    try {
      const without = minimumRequests(sim.world, true, 500);
      const { flex_restore_jobs, restore_jobs, collection_restore_jobs, ...rest } = minimumRequests(
        sim.world,
        true,
        500,
        ['restore-jobs'],
      );
      const readable = sim.world.projects.filter((p) => p.readable);
      expect(rest).toEqual(without);
      expect(flex_restore_jobs).toBe(readable.flatMap((p) => p.flex).length);
      expect(restore_jobs).toBe(
        readable.flatMap((p) => p.dedicated.filter((c) => !c.tenant && c.backupEnabled)).length,
      );
      expect(collection_restore_jobs).toBe(restore_jobs);
      expect(restore_jobs).toBeGreaterThan(0);
    } finally {
      await sim.close();
    }
  });

  it('counts what every collector reads cold, as the exporter with every collector switch on sends it', async () => {
    const sim = await startSimulator({
      projects: 4,
      clusters: 3,
      dedicated: 4,
      serverlessRetired: 'gone',
      now: () => FROZEN,
    });
    const bench = await startBenchExporter(sim.url, sim.credentials, () => FROZEN, ALL_COLLECTORS);
    try {
      await bench.exporter.collector.refreshNow();
      const sent = countBy(
        sim.requests.filter((e) => !isToken(e)),
        (e) => e.endpoint,
      );
      const minimum = minimumRequests(sim.world, true, 500, collectorsOn(bench.config));
      expect(againstMinimum(sent, minimum).differences).toEqual({});
      // One per project, refused in the unreadable one; one per cluster with backup.
      expect(minimum.export_buckets).toBe(sim.world.projects.length);
      expect(minimum.export_jobs).toBe(minimum.restore_jobs);
      expect(minimum.export_jobs).toBeGreaterThan(0);
    } finally {
      await bench.exporter.close();
      await sim.close();
    }
  });
});
