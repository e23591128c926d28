import { describe, expect, it } from 'vitest';
import { parseAtlasCluster } from '../../kinds/dedicated/schema.js';
import { cluster, group } from '../../kinds/dedicated/test-cluster.js';
import { fromAtlasCluster } from '../../kinds/dedicated/transform.js';
import type { ClusterInfo } from '../../resources/cluster.js';
import { summarise } from '../snapshots/summary.js';
import { snapshotReadings } from '../test-readings.js';
import { historyNotes, schedule, withSchedule } from './collector.js';
import { scheduleFacts } from './schedule.js';

describe('the schedule collector', () => {
  it('exports a schedule only for clusters that take backups and are not paused', () => {
    const copy = { cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId: 'z', copyOplogs: false };
    const facts = {
      expectedIntervalSeconds: 21_600,
      nextSnapshot: 1_800_000_000,
      copySettings: [copy],
      exportIntervalSeconds: undefined,
      retentionSeconds: { daily: 604_800 },
      restoreWindowSeconds: 172_800,
    };
    const info = fromAtlasCluster(group, parseAtlasCluster(cluster()) ?? ({} as never));
    expect(withSchedule(info, facts)).toMatchObject({
      expectedIntervalSeconds: 21_600,
      nextScheduledSnapshot: 1_800_000_000,
    });
    for (const off of [{ paused: true }, { backupEnabled: false }]) {
      const other = withSchedule({ ...info, ...off }, facts);
      expect(other.expectedIntervalSeconds).toBeUndefined();
      expect(other.nextScheduledSnapshot).toBeUndefined();
    }
    // Copy settings are configuration: a paused cluster keeps them, one without backup has none.
    const copyInfo = schedule.families.find((f) => f.name.endsWith('copy_setting_info'));
    const samples = copyInfo && 'samples' in copyInfo ? [...copyInfo.samples(facts)] : [];
    expect(samples).toEqual([[['AWS', 'US_WEST_2', 'z', 'false'], 1]]);
    const plan = { was: info, nowMs: 0, recheckIntervalMs: 3_600_000 };
    expect(schedule.keep?.(undefined, { ...plan, listed: { ...info, paused: true } })).toBe(true);
    expect(schedule.applies({ ...info, paused: true })).toBe(true);
    expect(schedule.applies({ ...info, backupEnabled: false })).toBe(false);
    expect(withSchedule(info, undefined).expectedIntervalSeconds).toBeUndefined();
  });

  it('exports the retention per frequency, and a point-in-time window only while continuous backup is on', () => {
    const facts = {
      expectedIntervalSeconds: 86_400,
      nextSnapshot: undefined,
      copySettings: [],
      retentionSeconds: { daily: 604_800, monthly: 12 * 31 * 86_400 },
      restoreWindowSeconds: 172_800,
      exportIntervalSeconds: undefined,
    };
    const retention = schedule.families.find((f) => f.name.endsWith('policy_retention_seconds'));
    const samples = retention && 'samples' in retention ? [...retention.samples(facts)] : [];
    expect(samples).toEqual([
      [['daily'], 604_800],
      [['monthly'], 32_140_800],
    ]);
    const pit = fromAtlasCluster(group, parseAtlasCluster(cluster()) ?? ({} as never));
    expect(withSchedule(pit, facts).restoreWindowSeconds).toBe(172_800);
    // The schedule names a window even without continuous backup: no window then.
    expect(withSchedule({ ...pit, pitEnabled: false }, facts).restoreWindowSeconds).toBeUndefined();
  });
});

describe('the history-shorter-than-policy note', () => {
  const NOW = 1_800_000_000;
  const DAY = 86_400;
  const facts = { ...scheduleFacts(undefined), retentionSeconds: { daily: 7 * DAY, monthly: 60 * DAY } };
  const readings = (oldest: number) => snapshotReadings(summarise([completed(oldest)]));
  const completed = (time: number) => ({
    id: String(time),
    status: 'completed',
    snapshotType: 'scheduled',
    frequency: 'daily',
    time,
    expiresAt: undefined,
    storageBytes: undefined,
    mongodbVersion: '8.0.4',
  });
  const info = (createdAt: number) => ({ createdAt }) as ClusterInfo;

  it('is there when the oldest snapshot is younger than half the longest retention on an older cluster', () => {
    expect(historyNotes(facts, info(NOW - 90 * DAY), NOW * 1000, readings(NOW - 20 * DAY))).toEqual([
      { text: 'history shorter than policy' },
    ]);
  });

  it('is not there with history enough, on a cluster younger than the retention, or without a retention', () => {
    expect(historyNotes(facts, info(NOW - 90 * DAY), NOW * 1000, readings(NOW - 40 * DAY))).toEqual([]);
    expect(historyNotes(facts, info(NOW - 50 * DAY), NOW * 1000, readings(NOW - 20 * DAY))).toEqual([]);
    const none = { ...facts, retentionSeconds: {} };
    expect(historyNotes(none, info(NOW - 90 * DAY), NOW * 1000, readings(NOW - DAY))).toEqual([]);
  });
});
