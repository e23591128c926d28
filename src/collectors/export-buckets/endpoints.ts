import { MEDIA_TYPES, segment, v2Endpoint } from '../../atlas/endpoints.js';

/** listGroupBackupExportBuckets at 2024-05-30 (its 2023-01-01 version is sunset 2027-07-01). */
export const exportBucketsEndpoint = (groupId: string) =>
  v2Endpoint('export_buckets', MEDIA_TYPES.v20240530, `/groups/${segment(groupId)}/backup/exportBuckets`);
