import { describe, expect, it } from 'vitest';
import { parseCloudSnapshot } from '../../collectors/snapshots/cloud-snapshot.js';
import { parseServerlessInstance } from './schema.js';

const T = (iso: string) => Date.parse(iso) / 1000;

describe('parseServerlessInstance', () => {
  it('reads the fields we use', () => {
    const raw = {
      name: 's1',
      groupId: 'g1',
      createDate: '2025-01-01T00:00:00Z',
      stateName: 'IDLE',
      mongoDBVersion: '7.0.1',
      providerSettings: { backingProviderName: 'GCP', regionName: 'CENTRAL_US', providerName: 'SERVERLESS' },
      serverlessBackupOptions: { serverlessContinuousBackupEnabled: true },
    };
    expect(parseServerlessInstance(raw)).toEqual({
      name: 's1',
      groupId: 'g1',
      createDate: T('2025-01-01T00:00:00Z'),
      stateName: 'IDLE',
      mongoDBVersion: '7.0.1',
      provider: 'GCP',
      region: 'CENTRAL_US',
      continuousBackupEnabled: true,
      tags: [],
    });
    expect(parseServerlessInstance({ name: 's2' })).toEqual({ name: 's2', groupId: '', tags: [] });
    expect(parseServerlessInstance({})).toBeUndefined();
  });
});

describe('parseCloudSnapshot', () => {
  it('parses a serverless snapshot', () => {
    const raw = {
      id: 'b'.repeat(24),
      status: 'inProgress',
      createdAt: '2025-06-01T00:00:00Z',
      expiresAt: '2025-06-03T00:00:00Z',
      frequencyType: 'hourly',
      snapshotType: 'scheduled',
      mongodVersion: '7.0.2',
      storageSizeBytes: 1234,
      serverlessInstanceName: 's1',
    };
    expect(parseCloudSnapshot(raw)).toEqual({
      id: 'b'.repeat(24),
      status: 'inProgress',
      createdAt: T('2025-06-01T00:00:00Z'),
      expiresAt: T('2025-06-03T00:00:00Z'),
      frequencyType: 'hourly',
      snapshotType: 'scheduled',
      mongodVersion: '7.0.2',
      storageSizeBytes: 1234,
    });
    expect(parseCloudSnapshot({ storageSizeBytes: '1234' })).toEqual({});
    expect(parseCloudSnapshot({ storageSizeBytes: -1 })).toEqual({});
  });
});
