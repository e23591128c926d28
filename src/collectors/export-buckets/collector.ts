import { backupName } from '../../metrics/family.js';
import { listAll } from '../../resources/list-all.js';
import { defineProjectCollector, oncePerRecheck } from '../collector.js';
import { exportJobs } from '../export-jobs/collector.js';
import { exportBucketsEndpoint } from './endpoints.js';
import { type ExportBucket, parseExportBucket } from './schema.js';

/**
 * A project's export buckets, switched with the export jobs (--collector.exports). Buckets are
 * configuration: read at most once per recheck interval.
 */
export const exportBuckets = defineProjectCollector<readonly ExportBucket[]>({
  name: 'export-buckets',
  ...(exportJobs.flag ? { flag: exportJobs.flag } : {}),
  endpoint: 'export_buckets',
  role: 'Project Read Only',
  noun: 'export-bucket list',
  failure: 'cannot read export buckets',
  mustRead: oncePerRecheck,
  read: (group, ctx) => listAll(ctx.client, exportBucketsEndpoint(group.id), parseExportBucket, ctx.signal),
  families: [
    {
      name: backupName('export_bucket_info'),
      help: 'An export bucket of the project: where snapshots are exported to.',
      labels: ['bucket_id', 'bucket_name', 'cloud_provider'],
      samples: (buckets) => buckets.map((b) => [[b.id, b.name, b.cloudProvider], 1]),
    },
  ],
});
