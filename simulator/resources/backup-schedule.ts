import { apiError, iso, isResponse, okResource } from '../http/wire.js';
import type { SimDedicatedCluster } from '../world/model.js';
import { clusterPath, findDedicated } from './clusters.js';
import { GROUP_PATH, simResource, V20240805 } from './resource.js';

/** DiskBackupSnapshotSchedule20240805; `nextSnapshot` is absent when the policy has no items. */
export function renderSchedule(c: SimDedicatedCluster, base: string) {
  return {
    autoCopySettingsEnabled: false,
    autoExportEnabled: false,
    clusterId: c.id,
    clusterName: c.name,
    copyPolicyItemsEnabled: c.copySettings.length > 0,
    copySettings: c.copySettings.map((s) => ({
      cloudProvider: s.cloudProvider,
      copyPolicyItems: c.policyItems
        .filter((item) => s.copyPolicyItemIds.includes(item.id))
        .map(({ frequencyType, id, retentionUnit, retentionValue }) => ({
          frequencyType,
          id,
          retentionUnit,
          retentionValue,
        })),
      frequencies: [],
      regionName: s.regionName,
      shouldCopyOplogs: s.shouldCopyOplogs,
      zoneId: s.zoneId,
    })),
    links: [{ href: `${base}${clusterPath(c)}/backup/schedule`, rel: 'self' }],
    ...(c.nextSnapshotMs === undefined || c.policyItems.length === 0
      ? {}
      : { nextSnapshot: iso(c.nextSnapshotMs) }),
    policies: [{ id: c.policyId, policyItems: c.policyItems }],
    referenceHourOfDay: c.referenceHourOfDay,
    referenceMinuteOfHour: c.referenceMinuteOfHour,
    restoreWindowDays: c.pitEnabled ? 7 : 2,
    useOrgAndGroupNamesInExportPrefix: false,
  };
}

/** A dedicated cluster's backup schedule: its policy, next snapshot and copy settings. */
export const backupSchedule = simResource({
  name: 'backup-schedule',
  routes: [
    {
      endpoint: 'backup_schedule',
      method: 'GET',
      pattern: new RegExp(`^${GROUP_PATH}/clusters/([^/]+)/backup/schedule$`),
      version: V20240805,
      scope: 'project',
      handle: ({ project: p, params, base, query, version }) => {
        const c = findDedicated(p, params[0] ?? '');
        if (isResponse(c)) return c;
        if (c.backupEnabled) return okResource(renderSchedule(c, base), version, query);
        // Without Cloud Backup there is no schedule (Terraform's reading; a free cluster has none either).
        return apiError(
          404,
          'BACKUP_CONFIG_NOT_FOUND',
          `No backup configuration exists for cluster ${c.name} in group ${p.id}.`,
          [c.name, p.id],
        );
      },
    },
  ],
});
