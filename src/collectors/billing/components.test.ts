import { describe, expect, it } from 'vitest';
import { componentOf } from './components.js';

describe('a line item SKU', () => {
  it.each([
    ['BACKUP_STORAGE', 'snapshot_storage'],
    ['ATLAS_AWS_BACKUP_SNAPSHOT_STORAGE', 'snapshot_storage'],
    ['ATLAS_GCP_BACKUP_SNAPSHOT_STORAGE', 'snapshot_storage'],
    ['ATLAS_NDS_AZURE_PIT_RESTORE_STORAGE', 'pit_storage'],
    ['ATLAS_AWS_TIME_BASED_SNAPSHOT_COPY_LEVEL_7', 'copy'],
    ['ATLAS_GCP_SNAPSHOT_COPY_DATA_TRANSFER', 'copy'],
    ['ATLAS_NDS_AWS_SNAPSHOT_EXPORT_UPLOAD', 'export'],
    ['ATLAS_NDS_GCP_SNAPSHOT_EXPORT_VM_M40', 'export'],
    ['ATLAS_AZURE_BACKUP_DOWNLOAD_VM', 'download'],
    ['ATLAS_AWS_BACKUP_DOWNLOAD_VM_STORAGE', 'download'],
    ['atlas_aws_backup_snapshot_storage', 'snapshot_storage'],
  ])('%s is %s', (sku, component) => {
    expect(componentOf(sku)).toBe(component);
  });

  it('that looks like backup but is none of those is other, not dropped', () => {
    expect(componentOf('ATLAS_AWS_BACKUP_OBJECT_LOCK')).toBe('other');
    expect(componentOf('CLASSIC_BACKUP_SNAPSHOT_CREATE')).toBe('other');
  });

  it('of anything else is not backup', () => {
    for (const sku of [
      'ATLAS_AWS_INSTANCE_M30',
      'ATLAS_AWS_DATA_TRANSFER_SAME_REGION',
      'ATLAS_FLEX_AWS_100_USAGE_HOURS',
      '',
    ])
      expect(componentOf(sku)).toBeUndefined();
  });
});
