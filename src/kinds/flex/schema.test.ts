import { describe, expect, it } from 'vitest';
import { parseFlexSnapshot } from '../../collectors/snapshots/flex-snapshot.js';
import { parseFlexCluster } from './schema.js';
import { fromFlexCluster } from './transform.js';

const T = (iso: string) => Date.parse(iso) / 1000;

describe('parseFlexCluster', () => {
  it('reads the fields we use', () => {
    const raw = {
      name: 'flex-1',
      groupId: 'g1',
      createDate: '2026-01-02T03:04:05Z',
      stateName: 'IDLE',
      mongoDBVersion: '8.0.29',
      providerSettings: {
        backingProviderName: 'AWS',
        regionName: 'US_EAST_1',
        providerName: 'FLEX',
        diskSizeGB: 5.0,
      },
      backupSettings: { enabled: false },
      clusterType: 'REPLICASET',
      versionReleaseSystem: 'CONTINUOUS',
      tags: [{ key: 'team', value: 'search' }],
      terminationProtectionEnabled: true,
    };
    expect(parseFlexCluster(raw)).toEqual({
      name: 'flex-1',
      groupId: 'g1',
      createDate: T('2026-01-02T03:04:05Z'),
      stateName: 'IDLE',
      mongoDBVersion: '8.0.29',
      provider: 'AWS',
      region: 'US_EAST_1',
      backupEnabled: false,
      clusterType: 'REPLICASET',
      terminationProtection: true,
      tags: [{ key: 'team', value: 'search' }],
    });
    // Flex says nothing of retained backups or customer keys: both off.
    const info = fromFlexCluster({ id: 'g1', name: 'p', orgId: 'o' }, parseFlexCluster(raw) ?? ({} as never));
    expect(info).toMatchObject({
      backupEnabled: false,
      retainBackups: false,
      terminationProtection: true,
      encryptionAtRest: 'none',
    });
  });

  it('defaults backupEnabled to true and treats wrong types as missing', () => {
    const raw = {
      name: 'f',
      stateName: 42,
      createDate: 'never',
      providerSettings: 'AWS',
      backupSettings: { enabled: 'no' },
    };
    expect(parseFlexCluster(raw)).toEqual({ name: 'f', groupId: '', backupEnabled: true, tags: [] });
    expect(parseFlexCluster({ groupId: 'g1' })).toBeUndefined();
  });

  it('passes unknown enum values through', () => {
    expect(parseFlexCluster({ name: 'f', stateName: 'HIBERNATING' })?.stateName).toBe('HIBERNATING');
  });
});

describe('parseFlexSnapshot', () => {
  it('parses a Flex snapshot', () => {
    const raw = {
      id: 'a'.repeat(24),
      status: 'COMPLETED',
      scheduledTime: '2026-08-01T17:05:10Z',
      startTime: '2026-08-01T17:05:20Z',
      finishTime: '2026-08-01T17:06:40Z',
      expiration: '2026-08-09T17:05:10Z',
      mongoDBVersion: '8.0.29',
    };
    expect(parseFlexSnapshot(raw)).toEqual({
      id: 'a'.repeat(24),
      status: 'COMPLETED',
      scheduledTime: T('2026-08-01T17:05:10Z'),
      startTime: T('2026-08-01T17:05:20Z'),
      finishTime: T('2026-08-01T17:06:40Z'),
      expiration: T('2026-08-09T17:05:10Z'),
      mongoDBVersion: '8.0.29',
    });
    expect(parseFlexSnapshot({ status: 'BRAND_NEW' })).toEqual({ status: 'BRAND_NEW' });
    expect(parseFlexSnapshot([])).toBeUndefined();
  });
});
