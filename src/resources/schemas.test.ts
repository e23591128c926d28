import { describe, expect, it } from 'vitest';
import { AtlasMalformedResponseError } from '../atlas/errors.js';
import { parsePage } from '../atlas/page.js';
import { apiErrorFacts, parseToken } from '../atlas/wire.js';
import { parseCloudSnapshot } from './cloud-snapshot.js';
import { parseFlexCluster, parseFlexSnapshot } from './flex/schema.js';
import { unixSeconds } from './lenient.js';
import { parseGroup } from './projects/schema.js';
import { parseServerlessInstance } from './serverless/schema.js';

const T = (iso: string) => Date.parse(iso) / 1000;

describe('unixSeconds', () => {
  it('parses ISO 8601 and rejects the rest', () => {
    expect(unixSeconds('2026-08-10T17:05:10Z')).toBe(T('2026-08-10T17:05:10Z'));
    expect(unixSeconds('2026-08-10T17:05:10.500+02:00')).toBe(T('2026-08-10T15:05:10.500Z'));
    expect(unixSeconds('yesterday')).toBeUndefined();
    expect(unixSeconds('2026-13-45T99:00:00Z')).toBeUndefined();
    expect(unixSeconds(1_700_000_000)).toBeUndefined();
    expect(unixSeconds(undefined)).toBeUndefined();
  });
});

describe('parseGroup', () => {
  it('keeps id, name and orgId and ignores the rest', () => {
    const raw = {
      id: 'g1',
      name: 'Project',
      orgId: 'o1',
      clusterCount: 3,
      created: '2026-01-01T00:00:00Z',
      links: [],
    };
    expect(parseGroup(raw)).toEqual({ id: 'g1', name: 'Project', orgId: 'o1' });
  });

  it('drops items without identity', () => {
    expect(parseGroup({ name: 'x' })).toBeUndefined();
    expect(parseGroup({ id: 'g1' })).toBeUndefined();
    expect(parseGroup({ id: 5, name: 'x' })).toBeUndefined();
    expect(parseGroup('g1')).toBeUndefined();
    expect(parseGroup(null)).toBeUndefined();
  });
});

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
    expect(parseFlexCluster(raw)).toEqual({ name: 'f', groupId: '', backupEnabled: true });
    expect(parseFlexCluster({ groupId: 'g1' })).toBeUndefined();
  });

  it('passes unknown enum values through', () => {
    expect(parseFlexCluster({ name: 'f', stateName: 'HIBERNATING' })?.stateName).toBe('HIBERNATING');
  });
});

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
    });
    expect(parseServerlessInstance({ name: 's2' })).toEqual({ name: 's2', groupId: '' });
    expect(parseServerlessInstance({})).toBeUndefined();
  });
});

describe('snapshots', () => {
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

describe('parsePage', () => {
  it('reads results, totalCount and the next link', () => {
    const body = {
      links: [
        { rel: 'self', href: 'https://cloud.mongodb.com/x?pageNum=1' },
        { rel: 'next', href: 'https://cloud.mongodb.com/x?pageNum=2' },
      ],
      results: [1, 2],
      totalCount: 7,
    };
    expect(parsePage(body, 'groups')).toEqual({
      results: [1, 2],
      totalCount: 7,
      nextHref: 'https://cloud.mongodb.com/x?pageNum=2',
      hasLinks: true,
    });
    expect(parsePage({ results: [], totalCount: 'many' }, 'groups')).toEqual({
      results: [],
      hasLinks: false,
    });
  });

  it.each([null, [], 'x', {}, { results: {} }])('throws malformed on %j', (body) => {
    expect(() => parsePage(body, 'groups')).toThrow(AtlasMalformedResponseError);
  });
});

describe('wire helpers', () => {
  it('reads an ApiError, an OAuth error and nothing from HTML', () => {
    const api = {
      error: 404,
      errorCode: 'GROUP_NOT_FOUND',
      detail: 'No group with ID 1 exists.',
      reason: 'Not Found',
    };
    expect(apiErrorFacts(Buffer.from(JSON.stringify(api)))).toEqual({
      errorCode: 'GROUP_NOT_FOUND',
      detail: 'No group with ID 1 exists.',
    });
    const oauth = { error: 'invalid_client', error_description: 'bad client' };
    expect(apiErrorFacts(Buffer.from(JSON.stringify(oauth)))).toEqual({
      errorCode: 'invalid_client',
      detail: 'bad client',
    });
    expect(apiErrorFacts(Buffer.from('<html><body>502 Bad Gateway</body></html>'))).toEqual({});
  });

  it('reads a token answer', () => {
    expect(parseToken(Buffer.from('{"access_token":"t","expires_in":120}'), 'x')).toEqual({
      accessToken: 't',
      expiresInSeconds: 120,
    });
    expect(parseToken(Buffer.from('{"access_token":"t"}'), 'x').expiresInSeconds).toBe(3600);
    expect(() => parseToken(Buffer.from('{"token_type":"Bearer"}'), 'x')).toThrow(
      AtlasMalformedResponseError,
    );
  });
});
