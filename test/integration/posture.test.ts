import { describe, expect, it } from 'vitest';
import { clusterLabels, harnessPerTest, sample } from './harness.js';

const start = harnessPerTest();
const DAY = 86_400;

/** The lines of one family whose labels include these. */
function lines(body: string, name: string, labels: Record<string, string> = {}): string[] {
  return body
    .split('\n')
    .filter((l) => l.startsWith(`${name}{`))
    .filter((l) => Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
}

/** Every request the exporter made, by endpoint, for comparing two runs. */
function requestCounts(h: Awaited<ReturnType<typeof start>>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of h.sim.requests) counts[r.endpoint] = (counts[r.endpoint] ?? 0) + 1;
  return counts;
}

describe('backup posture from the lists already read', () => {
  it('shows retention per frequency, the point-in-time window and a lost history', async () => {
    const h = await start();
    const { body } = await h.scrape();
    const { roles } = h.sim;
    const value = (name: string, labels: Record<string, string>) =>
      sample(body, `mongodbatlas_backup_${name}`, labels);

    // The recorded default policy: each frequency at its longest unit.
    const healthy = clusterLabels(roles.healthyDedicated);
    const retention = (frequency: string) => value('policy_retention_seconds', { ...healthy, frequency });
    expect(retention('hourly')).toBe(7 * DAY);
    expect(retention('weekly')).toBe(28 * DAY);
    expect(retention('monthly')).toBe(12 * 31 * DAY);
    expect(retention('yearly')).toBe(366 * DAY);
    // Without continuous backup the schedule's window is no window.
    expect(value('restore_window_seconds', healthy)).toBeUndefined();
    expect(value('restore_window_seconds', clusterLabels(roles.pitDedicated))).toBe(3 * DAY);
    // No policy: no retention; Flex has none to report.
    expect(
      lines(
        body,
        'mongodbatlas_backup_policy_retention_seconds',
        clusterLabels(roles.backupDisabledDedicated),
      ),
    ).toEqual([]);
    expect(
      lines(body, 'mongodbatlas_backup_policy_retention_seconds', clusterLabels(roles.healthyFlex)),
    ).toEqual([]);

    // Lost history: older than its year of retention, its oldest snapshot days old.
    const nowS = Date.now() / 1000;
    const lost = clusterLabels(roles.lostHistory);
    const age = (l: Record<string, string>) =>
      nowS - (value('oldest_completed_snapshot_timestamp_seconds', l) ?? Number.NaN);
    expect(nowS - (value('cluster_created_timestamp_seconds', lost) ?? nowS)).toBeGreaterThan(366 * DAY);
    expect(age(lost)).toBeLessThan(5 * DAY);
    // The others keep what their policy promises.
    expect(age(healthy)).toBeGreaterThan(0.5 * 366 * DAY);
  });

  it('labels cluster_info with retained backups, termination protection and encryption at rest', async () => {
    const h = await start();
    const { body } = await h.scrape();
    const { roles } = h.sim;
    const info = (ref: { groupId: string; name: string; kind: string }) =>
      lines(body, 'mongodbatlas_backup_cluster_info', clusterLabels(ref));
    const provider = (ref: { groupId: string; name: string; kind: string }) =>
      h.sim.world.projects.flatMap((p) => p.dedicated).find((c) => c.name === ref.name)?.provider ?? '';

    const guarded = roles.protectedDedicated;
    expect(info(guarded)).toEqual([
      expect.stringContaining(
        `retain_backups="true",termination_protection="true",encryption_at_rest="${provider(guarded).toLowerCase()}"`,
      ),
    ]);
    expect(info(roles.shardedDedicated)).toEqual([
      expect.stringContaining(
        'retain_backups="false",termination_protection="true",encryption_at_rest="none"',
      ),
    ]);
    // Flex: Atlas says nothing of retained backups or keys; its termination protection it does.
    expect(info(roles.healthyFlex)).toEqual([
      expect.stringContaining(
        'retain_backups="false",termination_protection="true",encryption_at_rest="none"',
      ),
    ]);
    expect(info(roles.healthyServerless[0] ?? roles.healthyFlex)).toEqual([
      expect.stringContaining(
        'retain_backups="false",termination_protection="false",encryption_at_rest="none"',
      ),
    ]);
  });

  it('exports tags as labels only when --atlas.tag-labels is set, at no extra request', async () => {
    const plain = await start();
    const before = await plain.scrape();
    expect(before.body).not.toContain('_labels{');
    const tagged = await start({ args: ['--atlas.tag-labels=environment,team,cost-center'] });
    const { body } = await tagged.scrape();
    expect(requestCounts(tagged)).toEqual(requestCounts(plain));

    const { roles } = tagged.sim;
    const cluster = (ref: { groupId: string; name: string; kind: string }) =>
      lines(body, 'mongodbatlas_backup_cluster_labels', clusterLabels(ref));
    expect(cluster(roles.protectedDedicated)).toEqual([
      expect.stringMatching(/,tag_environment="production",tag_team="checkout"} 1$/),
    ]);
    // `cost-center` is `tag_cost_center`; the value as Atlas has it.
    expect(cluster(roles.pitDedicated)).toEqual([
      expect.stringMatching(/,tag_cost_center="R&D 42",tag_team="data"} 1$/),
    ]);
    // A cluster without tags still has its series, with the base labels only.
    const bare = roles.backupDisabledDedicated;
    expect(cluster(bare)).toEqual([
      `mongodbatlas_backup_cluster_labels{group_id="${bare.groupId}",cluster_name="${bare.name}",cluster_kind="dedicated"} 1`,
    ]);
    const clusters = lines(body, 'mongodbatlas_backup_cluster_info').length;
    expect(lines(body, 'mongodbatlas_backup_cluster_labels')).toHaveLength(clusters);

    const project = (groupId: string) =>
      lines(body, 'mongodbatlas_backup_project_labels', { group_id: groupId });
    const shop = roles.healthyDedicated.groupId;
    expect(project(shop)).toEqual([
      `mongodbatlas_backup_project_labels{group_id="${shop}",tag_environment="production",tag_team="checkout"} 1`,
    ]);
    expect(project(roles.unreadableProject.groupId)).toEqual([
      `mongodbatlas_backup_project_labels{group_id="${roles.unreadableProject.groupId}"} 1`,
    ]);
    // cluster_info keeps its labels whatever the tags.
    expect(body).not.toMatch(/mongodbatlas_backup_cluster_info\{[^}]*tag_/);
  });

  it('exports every tag key with * (its start WARN: test/unit/config.test.ts)', async () => {
    const h = await start({ args: ['--atlas.tag-labels=*'] });
    const { body } = await h.scrape();
    const lab = h.sim.roles.specialNameProject.groupId;
    expect(lines(body, 'mongodbatlas_backup_project_labels', { group_id: lab })).toEqual([
      `mongodbatlas_backup_project_labels{group_id="${lab}",tag_team="data"} 1`,
    ]);
  });
});
