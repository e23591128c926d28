import { describe, expect, it } from 'vitest';
import { exportBuckets } from './collector.js';
import { parseExportBucket } from './schema.js';

/** One bucket of each variant (DiskBackupSnapshot{AWS,Azure,GCP}ExportBucketResponse, 2024-05-30). */
const BUCKETS = [
  {
    _id: '32b6e34b3d91647abb20e7b8',
    bucketName: 'atlas-exports',
    cloudProvider: 'AWS',
    iamRoleId: '668c5f0ed436263134491592',
    region: 'us-east-1',
    requirePrivateNetworking: false,
    links: [],
  },
  {
    _id: '32b6e34b3d91647abb20e7b9',
    bucketName: 'exportcontainer',
    cloudProvider: 'AZURE',
    roleId: '668c5f0ed436263134491593',
    serviceUrl: 'https://examplestorageaccount.blob.core.windows.net/exportcontainer',
    tenantId: '4297fc77-1592-4de8-a6d5-a8c32401df87',
  },
  {
    _id: '32b6e34b3d91647abb20e7ba',
    bucketName: 'gcs-exports',
    cloudProvider: 'GCP',
    roleId: 'a'.repeat(24),
  },
];

describe('export buckets', () => {
  it('keeps id, name and provider of every variant, and drops an item without its _id', () => {
    const parsed = [...BUCKETS, { id: 'b'.repeat(24), bucketName: 'x' }, 'nope'].map(parseExportBucket);
    expect(parsed).toEqual([
      { id: '32b6e34b3d91647abb20e7b8', name: 'atlas-exports', cloudProvider: 'AWS' },
      { id: '32b6e34b3d91647abb20e7b9', name: 'exportcontainer', cloudProvider: 'AZURE' },
      { id: '32b6e34b3d91647abb20e7ba', name: 'gcs-exports', cloudProvider: 'GCP' },
      undefined,
      undefined,
    ]);
    expect(parseExportBucket({ _id: 'c'.repeat(24) })).toEqual({
      id: 'c'.repeat(24),
      name: '',
      cloudProvider: '',
    });
  });

  it('are read again only after the recheck interval, or after a failed read', () => {
    const plan = { nowMs: 10 * 3_600_000, recheckIntervalMs: 3_600_000 };
    const read = { facts: [], success: true, lastReadMs: plan.nowMs - 60_000, error: undefined };
    expect(exportBuckets.mustRead(undefined, plan)).toBe(true);
    expect(exportBuckets.mustRead(read, plan)).toBe(false);
    expect(exportBuckets.mustRead({ ...read, success: false }, plan)).toBe(true);
    expect(exportBuckets.mustRead({ ...read, lastReadMs: plan.nowMs - 3_600_000 }, plan)).toBe(true);
    expect(exportBuckets.mustRead(read, { ...plan, recheckIntervalMs: 0 })).toBe(true);
  });
});
