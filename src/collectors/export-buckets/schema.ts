import { isObject, text } from '../../resources/lenient.js';

/** An export bucket (DiskBackupSnapshotExportBucketResponse), the fields the series name. */
export interface ExportBucket {
  readonly id: string;
  readonly name: string;
  /** AWS, AZURE, GCP: the discriminator of the bucket's variant (open set) */
  readonly cloudProvider: string;
}

/** A bucket; undefined without its `_id` (with an underscore, unlike every other Atlas id). */
export function parseExportBucket(raw: unknown): ExportBucket | undefined {
  if (!isObject(raw)) return undefined;
  const id = text(raw._id);
  if (id === undefined) return undefined;
  return { id, name: text(raw.bucketName) ?? '', cloudProvider: text(raw.cloudProvider) ?? '' };
}
