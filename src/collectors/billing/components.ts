/** What a backup line item pays for: the `component` label. */
export const COMPONENTS = ['snapshot_storage', 'pit_storage', 'copy', 'export', 'download', 'other'] as const;
export type Component = (typeof COMPONENTS)[number];

/** A SKU that names a backup service; Atlas adds SKUs without a new API version. */
const BACKUP_LIKE = /BACKUP|SNAPSHOT|PIT_RESTORE|EXPORT/;

/**
 * The component a line item's SKU is billed for; undefined for a SKU that is not backup (an
 * instance, data transfer). The order matters: `ATLAS_AWS_TIME_BASED_SNAPSHOT_COPY_LEVEL_1` is a
 * copy, not snapshot storage, and `…_BACKUP_DOWNLOAD_VM_STORAGE` a download. A backup-like SKU
 * none of these names is `other`, never dropped.
 */
export function componentOf(sku: string): Component | undefined {
  const s = sku.toUpperCase();
  if (!BACKUP_LIKE.test(s)) return undefined;
  if (s.includes('PIT_RESTORE')) return 'pit_storage';
  if (s.includes('COPY')) return 'copy';
  if (s.includes('EXPORT')) return 'export';
  if (s.includes('DOWNLOAD')) return 'download';
  if (s.includes('STORAGE')) return 'snapshot_storage';
  return 'other';
}
