import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  BACKUP_STATUSES,
  backupStatus,
  lastGoodStatus,
  OVERDUE_FACTOR,
  type StatusFacts,
} from '../../src/status/backup-status.js';

const NOW = 1_800_000_000;
const HOUR = 3600;
const healthy: StatusFacts = {
  collectSuccess: true,
  paused: false,
  backupEnabled: true,
  lastCompletedTime: NOW - 2 * HOUR,
  lastFailedTime: undefined,
  expectedIntervalSeconds: 6 * HOUR,
  everRead: true,
};
const status = (changes: Partial<StatusFacts>) => backupStatus({ ...healthy, ...changes }, NOW);

describe('the backup status of a cluster (the contract, HTTP /)', () => {
  it('is ok when the newest completed snapshot is within 1.5 intervals and nothing failed after it', () => {
    expect(status({})).toBe('ok');
    expect(status({ lastFailedTime: NOW - 3 * HOUR })).toBe('ok');
  });

  it('is overdue only past the factor, as the alert compares with >', () => {
    expect(status({ lastCompletedTime: NOW - OVERDUE_FACTOR * 6 * HOUR })).toBe('ok');
    expect(status({ lastCompletedTime: NOW - OVERDUE_FACTOR * 6 * HOUR - 1 })).toBe('overdue');
    expect(status({ lastCompletedTime: NOW - 30 * HOUR, expectedIntervalSeconds: 4 * HOUR })).toBe('overdue');
  });

  it('is never overdue without an expected interval', () => {
    expect(status({ lastCompletedTime: NOW - 90 * 24 * HOUR, expectedIntervalSeconds: undefined })).toBe(
      'ok',
    );
  });

  it('is failed when the newest failed snapshot is newer than the newest completed, or none completed', () => {
    expect(status({ lastFailedTime: NOW - HOUR })).toBe('failed');
    expect(status({ lastFailedTime: NOW - HOUR, lastCompletedTime: undefined })).toBe('failed');
    expect(status({ lastFailedTime: healthy.lastCompletedTime })).toBe('ok');
  });

  it('is no snapshot when none completed and none failed', () => {
    expect(status({ lastCompletedTime: undefined })).toBe('no snapshot');
  });

  it('takes the first rule that applies, in the order of the contract', () => {
    const everything: Partial<StatusFacts> = {
      collectSuccess: false,
      paused: true,
      backupEnabled: false,
      lastFailedTime: NOW - HOUR,
      lastCompletedTime: NOW - 100 * HOUR,
    };
    expect(status(everything)).toBe('not read');
    expect(status({ ...everything, collectSuccess: true })).toBe('paused');
    expect(status({ ...everything, collectSuccess: true, paused: false })).toBe('backup off');
    expect(status({ ...everything, collectSuccess: true, paused: false, backupEnabled: true })).toBe(
      'failed',
    );
    expect(status({ lastCompletedTime: undefined, expectedIntervalSeconds: 1 })).toBe('no snapshot');
  });

  it('keeps, for a cluster not read, the status its last good values have now, as the alerts see them', () => {
    const last = (changes: Partial<StatusFacts>) =>
      lastGoodStatus({ ...healthy, collectSuccess: false, ...changes }, NOW);
    expect(last({ lastFailedTime: NOW - HOUR })).toBe('failed');
    expect(last({})).toBe('ok');
    // the age keeps growing while Atlas is not read, as the age gauge does
    expect(last({ lastCompletedTime: NOW - 10 * HOUR })).toBe('overdue');
    expect(last({ everRead: false, lastCompletedTime: undefined })).toBeUndefined();
    expect(lastGoodStatus(healthy, NOW)).toBeUndefined();
  });

  it('lists the statuses needing attention first, then ok, paused, backup off', () => {
    expect(BACKUP_STATUSES).toEqual([
      'not read',
      'failed',
      'no snapshot',
      'overdue',
      'ok',
      'paused',
      'backup off',
    ]);
  });

  it('uses the factor of the shipped overdue alert', () => {
    const rules = parse(readFileSync(new URL('../../alerts/atlas-backup.yml', import.meta.url), 'utf8'));
    const overdue = rules.groups[0].rules.find(
      (r: { alert?: string }) => r.alert === 'AtlasBackupSnapshotOverdue',
    );
    // the condition is the first line; the project-name join follows it
    const [condition] = overdue.expr.split('\n');
    expect(condition).toMatch(new RegExp(`> ${OVERDUE_FACTOR}\\)$`));
  });
});
