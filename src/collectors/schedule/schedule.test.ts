import { describe, expect, it } from 'vitest';
import {
  expectedIntervalSeconds,
  exportIntervalSeconds,
  itemPeriodSeconds,
  retentionSeconds,
  SCHEDULE_MAX_AGE_MS,
  SCHEDULE_RECHECK_DELAY_MS,
  scheduleFacts,
  scheduleIsFresh,
} from './schedule.js';
import type { BackupSchedule } from './schema.js';
import { parseBackupSchedule } from './schema.js';

const HOUR = 3600;
const DAY = 24 * HOUR;

/** dedicated.md §4.3: the schedule Atlas recorded for a new M10 with Cloud Backup (its default policy). */
const DEFAULT_POLICY_BODY = {
  clusterName: 'backupSchedule-600',
  referenceHourOfDay: 3,
  referenceMinuteOfHour: 16,
  restoreWindowDays: 7,
  nextSnapshot: '2026-08-10T09:16:07Z',
  autoExportEnabled: false,
  copyPolicyItemsEnabled: false,
  copySettings: [],
  useOrgAndGroupNamesInExportPrefix: false,
  policies: [
    {
      id: '5f1e2d3c4b5a69788796afe0',
      policyItems: [
        { frequencyType: 'hourly', frequencyInterval: 6, retentionUnit: 'days', retentionValue: 7 },
        { frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7 },
        { frequencyType: 'weekly', frequencyInterval: 6, retentionUnit: 'weeks', retentionValue: 4 },
        { frequencyType: 'monthly', frequencyInterval: 40, retentionUnit: 'months', retentionValue: 12 },
        { frequencyType: 'yearly', frequencyInterval: 12, retentionUnit: 'years', retentionValue: 1 },
      ],
    },
  ],
};

function schedule(...items: [string, number][]): BackupSchedule {
  return {
    policyItems: items.map(([frequencyType, frequencyInterval]) => ({ frequencyType, frequencyInterval })),
    copySettings: [],
  };
}

describe('the expected interval of a dedicated cluster', () => {
  it('is 6 h for the recorded default policy, with its nextSnapshot', () => {
    const parsed = parseBackupSchedule(DEFAULT_POLICY_BODY);
    expect(parsed?.nextSnapshot).toBe(Date.parse('2026-08-10T09:16:07Z') / 1000);
    expect(parsed?.policyItems).toHaveLength(5);
    expect(parsed && expectedIntervalSeconds(parsed)).toBe(6 * HOUR);
  });

  it('reads weekly, monthly and yearly intervals as a day or month, never as a multiplier', () => {
    expect(itemPeriodSeconds({ frequencyType: 'weekly', frequencyInterval: 6 })).toBe(7 * DAY);
    expect(itemPeriodSeconds({ frequencyType: 'monthly', frequencyInterval: 40 })).toBe(31 * DAY);
    expect(itemPeriodSeconds({ frequencyType: 'yearly', frequencyInterval: 12 })).toBe(366 * DAY);
    expect(itemPeriodSeconds({ frequencyType: 'daily', frequencyInterval: 1 })).toBe(DAY);
    expect(itemPeriodSeconds({ frequencyType: 'hourly', frequencyInterval: 12 })).toBe(12 * HOUR);
  });

  it('takes the shortest period, without an hourly item a day', () => {
    expect(expectedIntervalSeconds(schedule(['weekly', 1], ['daily', 1], ['monthly', 40]))).toBe(DAY);
    expect(expectedIntervalSeconds(schedule(['yearly', 1], ['weekly', 7]))).toBe(7 * DAY);
    expect(expectedIntervalSeconds(schedule(['HOURLY', 4], ['daily', 1]))).toBe(4 * HOUR);
  });

  it('ignores on-demand, unknown and incomplete items; none left means no interval', () => {
    expect(expectedIntervalSeconds(schedule(['ondemand', 0], ['fortnightly', 1], ['daily', 1]))).toBe(DAY);
    expect(expectedIntervalSeconds(schedule(['ondemand', 0]))).toBeUndefined();
    expect(
      expectedIntervalSeconds({ policyItems: [{ frequencyType: 'hourly' }], copySettings: [] }),
    ).toBeUndefined();
    // What DELETE /backup/schedule leaves: the policy stays, its items go, nextSnapshot too.
    const emptied = parseBackupSchedule({ policies: [{ id: 'a'.repeat(24), policyItems: [] }] });
    expect(emptied).toEqual({ policyItems: [], copySettings: [] });
    expect(emptied && expectedIntervalSeconds(emptied)).toBeUndefined();
  });

  it('parses leniently: odd items are dropped, a non-object body is undefined', () => {
    const parsed = parseBackupSchedule({
      nextSnapshot: 'soon',
      policies: [
        { policyItems: [null, { frequencyInterval: 2 }, { frequencyType: 'daily', frequencyInterval: 'x' }] },
      ],
    });
    expect(parsed).toEqual({ policyItems: [{ frequencyType: 'daily' }], copySettings: [] });
    expect(parseBackupSchedule([])).toBeUndefined();
  });
});

describe('the retention and point-in-time window of a schedule', () => {
  it('reads the recorded default policy: each frequency at its longest unit', () => {
    const facts = scheduleFacts(parseBackupSchedule(DEFAULT_POLICY_BODY));
    expect(facts.retentionSeconds).toEqual({
      hourly: 7 * DAY,
      daily: 7 * DAY,
      weekly: 28 * DAY,
      monthly: 12 * 31 * DAY,
      yearly: 366 * DAY,
    });
    expect(facts.restoreWindowSeconds).toBe(7 * DAY);
  });

  it('keeps the longest of several items of one frequency; skips on-demand, unknown and incomplete items', () => {
    const items = (...list: [string, string | undefined, number | undefined][]) => ({
      policyItems: list.map(([frequencyType, retentionUnit, retentionValue]) => ({
        frequencyType,
        retentionUnit,
        retentionValue,
      })),
      copySettings: [],
    });
    expect(
      retentionSeconds(
        items(
          ['daily', 'days', 7],
          ['DAILY', 'weeks', 2],
          ['daily', 'days', 3],
          ['ondemand', 'days', 90],
          ['weekly', 'fortnights', 2],
          ['monthly', undefined, 6],
          ['yearly', 'years', undefined],
        ),
      ),
    ).toEqual({ daily: 14 * DAY });
  });

  it('has neither without a schedule, nor a window Atlas left out', () => {
    expect(scheduleFacts(undefined)).toMatchObject({ retentionSeconds: {}, restoreWindowSeconds: undefined });
    const { restoreWindowDays: _, ...noWindow } = DEFAULT_POLICY_BODY;
    expect(scheduleFacts(parseBackupSchedule(noWindow)).restoreWindowSeconds).toBeUndefined();
    expect(parseBackupSchedule({ ...DEFAULT_POLICY_BODY, restoreWindowDays: 'x' })?.restoreWindowDays).toBe(
      undefined,
    );
  });
});

describe('the copy settings of a schedule', () => {
  it('keeps every entry with the contract labels, a missing field as an empty one', () => {
    const parsed = parseBackupSchedule({
      ...DEFAULT_POLICY_BODY,
      copySettings: [
        {
          cloudProvider: 'AWS',
          regionName: 'US_WEST_2',
          zoneId: 'c'.repeat(24),
          shouldCopyOplogs: true,
          copyPolicyItems: [{ frequencyType: 'daily', id: 'd'.repeat(24) }],
          lastNumberOfSnapshots: 7,
        },
        { zoneId: 'e'.repeat(24), regionName: 42 },
        'not an object',
      ],
    });
    expect(parsed?.copySettings).toEqual([
      { cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId: 'c'.repeat(24), copyOplogs: true },
      { cloudProvider: '', regionName: '', zoneId: 'e'.repeat(24), copyOplogs: false },
    ]);
    expect(parseBackupSchedule(DEFAULT_POLICY_BODY)?.copySettings).toEqual([]);
  });
});

describe('the expected interval of auto-export', () => {
  const withExport = (autoExportEnabled: unknown, frequencyType: unknown) =>
    parseBackupSchedule({
      ...DEFAULT_POLICY_BODY,
      autoExportEnabled,
      export: { exportBucketId: 'f'.repeat(24), frequencyType },
    });

  it('is 31 d for monthly and 366 d for yearly while auto-export is on', () => {
    expect(exportIntervalSeconds(withExport(true, 'monthly') ?? schedule())).toBe(31 * DAY);
    expect(exportIntervalSeconds(withExport(true, 'yearly') ?? schedule())).toBe(366 * DAY);
  });

  it('is absent while auto-export is off, whatever the export settings say, and for odd values', () => {
    expect(parseBackupSchedule(DEFAULT_POLICY_BODY)?.autoExportFrequency).toBeUndefined();
    expect(exportIntervalSeconds(withExport(false, 'monthly') ?? schedule())).toBeUndefined();
    expect(exportIntervalSeconds(withExport('true', 'monthly') ?? schedule())).toBeUndefined();
    expect(exportIntervalSeconds(withExport(true, 'fortnightly') ?? schedule())).toBeUndefined();
    expect(exportIntervalSeconds(withExport(true, undefined) ?? schedule())).toBeUndefined();
    expect(
      exportIntervalSeconds(parseBackupSchedule({ autoExportEnabled: true }) ?? schedule()),
    ).toBeUndefined();
  });
});

describe('reading the schedule at most once an hour', () => {
  const readMs = Date.parse('2026-11-28T12:00:00Z');
  const next = readMs / 1000 + 2 * HOUR;
  const record = { expectedIntervalSeconds: 6 * HOUR, nextSnapshot: next, readMs };

  it('keeps a schedule for an hour, then reads it again', () => {
    expect(scheduleIsFresh(undefined, readMs)).toBe(false);
    expect(scheduleIsFresh(record, readMs + 59 * 60_000)).toBe(true);
    expect(scheduleIsFresh(record, readMs + SCHEDULE_MAX_AGE_MS)).toBe(false);
    const none = { expectedIntervalSeconds: undefined, nextSnapshot: undefined, readMs };
    expect(scheduleIsFresh(none, readMs + 59 * 60_000)).toBe(true);
  });

  it('reads once more shortly after the cached nextSnapshot passed, not again while it stays past', () => {
    const soon = { ...record, nextSnapshot: readMs / 1000 + 600 };
    const recheck = readMs + 600_000 + SCHEDULE_RECHECK_DELAY_MS;
    expect(scheduleIsFresh(soon, recheck - 1)).toBe(true);
    expect(scheduleIsFresh(soon, recheck)).toBe(false);
    // Read again after that moment and Atlas still says the same past time: overdue, keep it.
    expect(scheduleIsFresh({ ...soon, readMs: recheck }, recheck + 30 * 60_000)).toBe(true);
  });
});
