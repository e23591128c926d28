import { apiError, iso, isResponse, okResource } from '../http/wire.js';
import type { ScenarioRoles, SimDedicatedCluster, SimProject } from '../world/model.js';
import { byName, ref } from '../world/refs.js';
import { copiedTo } from './cluster-snapshots.js';
import { clusterPath, findDedicated } from './clusters.js';
import { GROUP_PATH, simResource, V20240805 } from './resource.js';

/** One entry of a schedule's copySettings (DiskBackupCopySetting20240805). */
export interface SimCopySetting {
  cloudProvider: 'AWS' | 'AZURE' | 'GCP';
  regionName: string;
  zoneId: string;
  shouldCopyOplogs: boolean;
  /** ids of the policy items whose snapshots are copied */
  copyPolicyItemIds: string[];
}

/** Adds a copy setting; the snapshots of the items it names are copied there, the others not. */
export function addCopySetting(c: SimDedicatedCluster, setting: SimCopySetting): void {
  c.copySettings.push(setting);
  for (const s of c.snapshots)
    s.copyRegions = copiedTo(
      c,
      s.policyItemIds.map((id) => ({ id })),
    );
}

/** DiskBackupSnapshotSchedule20240805; `nextSnapshot` is absent when the policy has no items. */
export function renderSchedule(c: SimDedicatedCluster, base: string) {
  return {
    autoCopySettingsEnabled: false,
    autoExportEnabled: c.autoExport !== undefined,
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
    ...(c.autoExport ? { export: c.autoExport } : {}),
    links: [{ href: `${base}${clusterPath(c)}/backup/schedule`, rel: 'self' }],
    ...(c.nextSnapshotMs === undefined || c.policyItems.length === 0
      ? {}
      : { nextSnapshot: iso(c.nextSnapshotMs) }),
    policies: [{ id: c.policyId, policyItems: c.policyItems }],
    referenceHourOfDay: c.referenceHourOfDay,
    referenceMinuteOfHour: c.referenceMinuteOfHour,
    restoreWindowDays: c.restoreWindowDays ?? (c.pitEnabled ? 7 : 2),
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

/** A disaster-recovery region of each provider, in its own spelling. */
const DR_REGIONS = { AWS: 'US_WEST_2', AZURE: 'EUROPE_NORTH', GCP: 'EUROPE_WEST_3' } as const;

/**
 * Copy settings on clusters of the default scenario. Copies follow policy items: orders-db copies
 * the snapshots of its hourly and daily items; checkout-db only its weekly ones, so its newest
 * snapshots (6-hourly and daily) are not copied.
 */
export function addCopySettings(
  shop: SimProject,
): Pick<ScenarioRoles, 'uncopiedSnapshot' | 'copiedSnapshot'> {
  const ordersDb = byName(shop.dedicated, 'orders-db');
  const checkout = byName(shop.dedicated, 'checkout-db');
  const copy = (c: SimDedicatedCluster, itemIndexes: number[]) =>
    addCopySetting(c, {
      cloudProvider: c.provider,
      regionName: DR_REGIONS[c.provider],
      zoneId: `${c.id.slice(0, 20)}${(0x2000).toString(16)}`,
      shouldCopyOplogs: c.pitEnabled,
      copyPolicyItemIds: itemIndexes.flatMap((k) => c.policyItems[k]?.id ?? []),
    });
  copy(ordersDb, [0, 1]);
  copy(checkout, [2]);
  return { uncopiedSnapshot: ref(shop, checkout), copiedSnapshot: ref(shop, ordersDb) };
}
