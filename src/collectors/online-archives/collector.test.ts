import { describe, expect, it } from 'vitest';
import type { ClusterInfo } from '../../resources/cluster.js';
import type { Reading } from '../collector.js';
import { archivableTier, archiveNotes, ONLINE_ARCHIVE_FAMILY, onlineArchives } from './collector.js';
import { parseOnlineArchive } from './schema.js';
import { type ArchiveSummary, archivesOutsideBackups, summariseOnlineArchives } from './transform.js';

/** BackupOnlineArchive as the spec describes it; `state` as given, left out when undefined. */
function archive(state: unknown) {
  return {
    _id: '6851681ff621274ee5327a0b',
    clusterName: 'ledger-db',
    collName: 'entries',
    collectionType: 'STANDARD',
    criteria: { type: 'DATE', dateField: 'createdAt', dateFormat: 'ISODATE', expireAfterDays: 90 },
    dbName: 'ledger',
    groupId: '32b6e34b3d91647abb20e7b8',
    partitionFields: [{ fieldName: 'createdAt', fieldType: 'date', order: 0 }],
    paused: false,
    ...(state === undefined ? {} : { state }),
  };
}

const summarise = (...raw: unknown[]) =>
  summariseOnlineArchives(raw.flatMap((r) => parseOnlineArchive(r) ?? []));

const samples = (s: ArchiveSummary) => {
  const family = onlineArchives.families.find((f) => f.name === ONLINE_ARCHIVE_FAMILY.archives);
  return family && 'samples' in family ? [...family.samples(s)] : [];
};

describe('online archives', () => {
  it("count by state in snake_case, passing a state the enum lacks through and naming a missing one 'unknown'", () => {
    const s = summarise(
      archive('ACTIVE'),
      archive('ACTIVE'),
      archive('PAUSED'),
      archive('ORPHANED'),
      archive('DELETED'),
      archive('ARCHIVING'),
      archive('IDLE'),
      archive(null),
      archive(undefined),
      archive(42),
      'not an archive',
      null,
    );
    expect(samples(s)).toEqual([
      [['active'], 2],
      [['paused'], 1],
      [['orphaned'], 1],
      [['deleted'], 1],
      [['archiving'], 1],
      [['idle'], 1],
      [['unknown'], 3],
    ]);
    for (const [, value] of samples(s)) expect(Number.isFinite(value)).toBe(true);
  });

  it('leave the deleted ones out of what is outside backups, and give an empty list no series', () => {
    expect(archivesOutsideBackups(summarise(archive('ACTIVE'), archive('DELETED'), archive('PAUSED')))).toBe(
      2,
    );
    expect(archivesOutsideBackups(summarise(archive('DELETED')))).toBe(0);
    expect(samples(summarise())).toEqual([]);
  });

  it("note on the landing page that a cluster's archived data is outside backups, unless every archive is deleted", () => {
    expect(archiveNotes(summarise(archive('ACTIVE'), archive('DELETED')))).toEqual([
      { text: 'online archive outside backups' },
    ]);
    expect(archiveNotes(summarise(archive('ORPHANED'), archive('PAUSED'), archive(null)))).toEqual([
      { text: '3 online archives outside backups' },
    ]);
    expect(archiveNotes(summarise(archive('DELETED')))).toEqual([]);
    expect(archiveNotes(summarise())).toEqual([]);
  });
});

describe('the online-archives collector', () => {
  it('reads dedicated clusters only, with Project Read Only, off by default and on in the demo', () => {
    expect(onlineArchives.endpoints).toEqual({ dedicated: ['online_archives'] });
    expect(onlineArchives.role).toEqual({ dedicated: 'Project Read Only' });
    expect(onlineArchives.flag).toMatchObject({ name: 'online-archives', default: false, onInDemo: true });
    expect(onlineArchives.success?.name).toBe('mongodbatlas_backup_online_archive_collect_success');
  });

  it('reads tiers M10 and up, low-CPU and NVMe sizes too, and a tier it cannot read; not M0, M2 or M5', () => {
    for (const tier of ['M10', 'M30', 'M200', 'R40', 'M40_NVME', 'M40_LOWCPU', 'm20', '', 'SOMETHING'])
      expect(archivableTier(tier), tier).toBe(true);
    for (const tier of ['M0', 'M2', 'M5']) expect(archivableTier(tier), tier).toBe(false);
    const info = (tier: string, backupEnabled: boolean) => ({ tier, backupEnabled }) as ClusterInfo;
    // archived data is outside backups with or without them: read either way
    expect(onlineArchives.applies(info('M10', false))).toBe(true);
    expect(onlineArchives.applies(info('M5', true))).toBe(false);
  });

  it('reads a list at most once per recheck interval, and again after a failed read', () => {
    const NOW = 1_800_000_000_000;
    const HOUR_MS = 3_600_000;
    const plan = {
      listed: {} as ClusterInfo,
      was: undefined,
      nowMs: NOW,
      recheckIntervalMs: HOUR_MS,
    };
    const read = (lastReadMs: number, success = true): Reading<ArchiveSummary> => ({
      facts: summarise(),
      success,
      lastReadMs,
      error: undefined,
    });
    expect(onlineArchives.mustRead(undefined, plan)).toBe(true);
    expect(onlineArchives.mustRead(read(NOW - HOUR_MS + 1), plan)).toBe(false);
    expect(onlineArchives.mustRead(read(NOW - HOUR_MS), plan)).toBe(true);
    expect(onlineArchives.mustRead(read(NOW - 60_000, false), plan)).toBe(true);
    expect(onlineArchives.mustRead(read(NOW - 60_000), { ...plan, recheckIntervalMs: 0 })).toBe(true);
  });
});
