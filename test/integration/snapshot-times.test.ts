import { describe, expect, it } from 'vitest';
import { clusterLabels, harnessPerTest, movableClock, sample } from './harness.js';

const start = harnessPerTest();

/** Completed snapshots of a cluster, over every type and frequency. */
function completed(body: string, labels: Record<string, string>): number {
  const series = Object.entries({ ...labels, status: 'completed' }).map(([k, v]) => `${k}="${v}"`);
  return body
    .split('\n')
    .filter((l) => l.startsWith('mongodbatlas_backup_snapshots{') && series.every((s) => l.includes(s)))
    .reduce((n, l) => n + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

describe('snapshot times ahead of the clock', () => {
  it('count the snapshot but not its time, so the age keeps growing, with one WARN per cluster', async () => {
    const clock = movableClock();
    const h = await start({ now: clock.now, sim: { now: clock.now }, logLevel: 'info' });
    const target = { ...h.sim.roles.healthyDedicated, kind: 'dedicated' as const };
    const labels = clusterLabels(target);
    const before = await h.scrape();
    const newest = sample(
      before.body,
      'mongodbatlas_backup_last_completed_snapshot_timestamp_seconds',
      labels,
    );
    const count = completed(before.body, labels);
    expect(newest).toBeDefined();

    h.sim.addSnapshot(target, { atMs: Date.parse('9999-12-31T00:00:00Z'), status: 'completed' });
    for (let i = 0; i < 3; i++) {
      clock.advance(6 * 60_000);
      await h.scrape();
    }
    const { body } = await h.scrape();
    expect(sample(body, 'mongodbatlas_backup_last_completed_snapshot_timestamp_seconds', labels)).toBe(
      newest,
    );
    expect(sample(body, 'mongodbatlas_backup_last_completed_snapshot_age_seconds', labels)).toBeGreaterThan(
      18 * 60,
    );
    expect(completed(body, labels)).toBe(count + 1);
    expect(sample(body, 'mongodbatlas_backup_collect_success', labels)).toBe(1);
    const warned = h.logs.filter((l) => l.level === 'warn' && String(l.msg).includes('ahead of'));
    expect(warned).toEqual([
      expect.objectContaining({
        msg: expect.stringContaining('1 finished snapshot is dated 9999-12-31T00:00:00.000Z'),
        group_id: target.groupId,
        cluster_name: target.name,
      }),
    ]);
  });
});
