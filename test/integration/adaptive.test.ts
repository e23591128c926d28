import { describe, expect, it } from 'vitest';
import { clusterLabels, type Harness, harnessPerTest, sample } from './harness.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const start = harnessPerTest();

/** The exporter and the simulator on one clock the test moves, scraped every 5 minutes (cache-ttl). */
async function startDay() {
  let nowMs = Date.now();
  const now = () => nowMs;
  const h = await start({ now, sim: { now } });
  await h.scrape();
  return {
    h,
    now,
    async step(ms = 5 * MINUTE) {
      nowMs += ms;
      return (await h.scrape()).body;
    },
  };
}

const readsOf = (h: Harness, name: string) =>
  h.sim.requests.filter((r) => r.endpoint.endsWith('snapshots') && r.path.includes(`/${name}/`)).length;

describe('adaptive refresh (--atlas.snapshot-recheck-interval)', () => {
  it('reads a healthy dedicated cluster hourly, a healthy Flex one not, problem clusters every refresh', async () => {
    const { h, step } = await startDay();
    h.sim.resetRequests();
    for (let i = 0; i < 12; i++) await step();
    const { roles } = h.sim;
    // 12 refreshes in an hour: healthy dedicated once (the recheck), healthy Flex not at all (its
    // list changes only at its daily time), the unfinished ones every time.
    expect(readsOf(h, roles.healthyFlex.name)).toBe(0);
    expect(readsOf(h, roles.healthyDedicated.name)).toBe(1);
    expect(readsOf(h, roles.stuckFlex.name)).toBe(12);
    expect(readsOf(h, roles.newFlex.name)).toBe(12);
    expect(h.sim.requests.filter((r) => r.endpoint === 'groups')).toHaveLength(12);
  });

  it.each(['COMPLETED', 'FAILED'])(
    'shows a new %s snapshot within one cache-ttl of when Atlas lists it',
    async (status) => {
      const { h, now, step } = await startDay();
      const target = h.sim.roles.healthyFlex;
      const labels = clusterLabels(target);
      const metric =
        status === 'COMPLETED'
          ? 'mongodbatlas_backup_last_completed_snapshot_timestamp_seconds'
          : 'mongodbatlas_backup_last_failed_snapshot_timestamp_seconds';
      const before =
        sample(
          (await h.scrape()).body,
          'mongodbatlas_backup_last_completed_snapshot_timestamp_seconds',
          labels,
        ) ?? 0;
      const nextDueMs = (before + 86_400) * 1000;

      h.sim.resetRequests();
      while (now() < nextDueMs - 30 * MINUTE) await step();
      const readsWhileHealthy = readsOf(h, target.name);
      while (now() < nextDueMs) await step();
      const listedAt = now();
      h.sim.addSnapshot(target, { atMs: listedAt, status });
      let body = await step(1000);
      const seenBefore = status === 'COMPLETED' ? before : 0;
      while ((sample(body, metric, labels) ?? 0) <= seenBefore) {
        expect(now() - listedAt).toBeLessThanOrEqual(5 * MINUTE + 1000);
        body = await step();
      }
      expect(sample(body, metric, labels)).toBeGreaterThanOrEqual(listedAt / 1000 - 1);
      // A Flex list changes only with its daily snapshot: the day until then costs no read.
      expect(readsWhileHealthy).toBe(0);
    },
  );
});
