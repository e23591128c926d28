import { okPage, V2 } from '../http/wire.js';
import type { SimProject } from '../world/model.js';
import { objectId, type Rng } from '../world/prng.js';
import { GROUP_PATH, simResource } from './resource.js';

/** The 2024-05-30 version of the bucket list (its 2023-01-01 version is sunset 2027-07-01). */
export const V20240530 = '2024-05-30';

/** An export bucket; `_id` with an underscore, as Atlas spells it. */
export type SimExportBucket =
  | { _id: string; bucketName: string; cloudProvider: 'AWS'; iamRoleId: string; region: string }
  | {
      _id: string;
      bucketName: string;
      cloudProvider: 'AZURE';
      roleId: string;
      serviceUrl: string;
      tenantId: string;
    }
  | { _id: string; bucketName: string; cloudProvider: 'GCP'; roleId: string };

/** DiskBackupSnapshotExportBucketResponse, each provider's variant as it is. */
function renderBucket(groupId: string, b: SimExportBucket, base: string) {
  return {
    ...b,
    ...(b.cloudProvider === 'AWS' ? { requirePrivateNetworking: false } : {}),
    links: [{ href: `${base}${V2}/groups/${groupId}/backup/exportBuckets/${b._id}`, rel: 'self' }],
  };
}

/** A project's export buckets: Project Read Only reads them. */
export const exportBuckets = simResource({
  name: 'export-buckets',
  routes: [
    {
      endpoint: 'export_buckets',
      method: 'GET',
      pattern: new RegExp(`^${GROUP_PATH}/backup/exportBuckets$`),
      version: V20240530,
      paged: true,
      scope: 'project',
      handle: ({ project, base, query, self, version }) =>
        okPage(
          (project.exportBuckets ?? []).map((b) => renderBucket(project.id, b, base)),
          query,
          self,
          version,
        ),
    },
  ],
});

/** One bucket of each provider in a project. */
export function addExportBuckets(rng: Rng, p: SimProject, nowMs: number) {
  const id = () => objectId(rng, nowMs - 400 * 86_400_000);
  const aws = {
    _id: id(),
    bucketName: 'shop-atlas-exports',
    cloudProvider: 'AWS',
    iamRoleId: id(),
    region: 'us-east-1',
  } as const;
  const azure = {
    _id: id(),
    bucketName: 'shopexports',
    cloudProvider: 'AZURE',
    roleId: id(),
    serviceUrl: 'https://shopexports.blob.core.windows.net/shopexports',
    tenantId: '4297fc77-1592-4de8-a6d5-a8c32401df87',
  } as const;
  const gcp = { _id: id(), bucketName: 'shop-exports-eu', cloudProvider: 'GCP', roleId: id() } as const;
  p.exportBuckets = [aws, azure, gcp];
  return { aws, azure, gcp };
}
