import {
  bool,
  count,
  defined,
  isObject,
  type Obj,
  objects,
  sub,
  text,
  unixSeconds,
} from '../../resources/lenient.js';

/** One entry of a backup schedule's `copySettings`: a region snapshots are copied to. */
export interface CopySetting {
  readonly cloudProvider: string;
  readonly regionName: string;
  readonly zoneId: string;
  readonly copyOplogs: boolean;
}

/** One item of a backup policy (DiskBackupApiPolicyItem). */
export interface PolicyItem {
  /** hourly, daily, weekly, monthly, yearly, ondemand (open set) */
  frequencyType: string;
  frequencyInterval?: number;
  /** days, weeks, months, years (open set) */
  retentionUnit?: string;
  retentionValue?: number;
}

/** A cluster's backup schedule (DiskBackupSnapshotSchedule20240805), the fields we use. */
export interface BackupSchedule {
  /** the items of every policy (Atlas allows one) */
  policyItems: PolicyItem[];
  /** absent when the policy has no items */
  nextSnapshot?: number;
  /** the regions snapshots are copied to */
  copySettings: CopySetting[];
  /** `export.frequencyType` while `autoExportEnabled` is true (monthly, yearly; open set) */
  autoExportFrequency?: string;
  /** the configured point-in-time window of continuous backup, in days */
  restoreWindowDays?: number;
}

/** A policy item (a schedule's, a compliance policy's); undefined without its frequency. */
export function parsePolicyItem(raw: Obj): PolicyItem | undefined {
  const frequencyType = text(raw.frequencyType);
  if (frequencyType === undefined) return undefined;
  return defined<PolicyItem>({
    frequencyType,
    frequencyInterval: count(raw.frequencyInterval),
    retentionUnit: text(raw.retentionUnit),
    retentionValue: count(raw.retentionValue),
  });
}

/** A schedule body; undefined when it is not an object (the caller treats that as malformed). */
export function parseBackupSchedule(raw: unknown): BackupSchedule | undefined {
  if (!isObject(raw)) return undefined;
  const policyItems = objects(raw.policies)
    .flatMap((policy) => objects(policy.policyItems))
    .map(parsePolicyItem)
    .filter((item): item is PolicyItem => item !== undefined);
  return defined<BackupSchedule>({
    policyItems,
    nextSnapshot: unixSeconds(raw.nextSnapshot),
    copySettings: objects(raw.copySettings).map(parseCopySetting),
    autoExportFrequency: bool(raw.autoExportEnabled) ? text(sub(raw.export).frequencyType) : undefined,
    restoreWindowDays: count(raw.restoreWindowDays),
  });
}

/** DiskBackupCopySetting20240805; a field Atlas left out is an empty label, never a dropped entry. */
function parseCopySetting(raw: Obj): CopySetting {
  return {
    cloudProvider: text(raw.cloudProvider) ?? '',
    regionName: text(raw.regionName) ?? '',
    zoneId: text(raw.zoneId) ?? '',
    copyOplogs: bool(raw.shouldCopyOplogs) ?? false,
  };
}
