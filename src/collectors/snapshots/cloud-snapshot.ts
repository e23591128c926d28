import { labelValue, normaliseStatus } from '../../resources/labels.js';
import { count, defined, isObject, text, unixSeconds } from '../../resources/lenient.js';
import type { Snapshot } from './snapshot.js';

/**
 * A serverless (ServerlessBackupSnapshot) or dedicated snapshot (DiskBackupReplicaSet,
 * DiskBackupShardedClusterSnapshot): the fields we use are the same in all three.
 */
export interface CloudSnapshot {
  id?: string;
  status?: string;
  createdAt?: number;
  expiresAt?: number;
  frequencyType?: string;
  snapshotType?: string;
  mongodVersion?: string;
  storageSizeBytes?: number;
  /** the length of `copyRegions`; only the replica-set list of dedicated clusters has the field */
  copyRegions?: number;
}

export function parseCloudSnapshot(raw: unknown): CloudSnapshot | undefined {
  if (!isObject(raw)) return undefined;
  return defined<CloudSnapshot>({
    id: text(raw.id),
    status: text(raw.status),
    createdAt: unixSeconds(raw.createdAt),
    expiresAt: unixSeconds(raw.expiresAt),
    frequencyType: text(raw.frequencyType),
    snapshotType: text(raw.snapshotType),
    mongodVersion: text(raw.mongodVersion),
    storageSizeBytes: count(raw.storageSizeBytes),
    copyRegions: Array.isArray(raw.copyRegions) ? raw.copyRegions.length : undefined,
  });
}

export function fromCloudSnapshot(s: CloudSnapshot): Snapshot {
  return {
    id: s.id,
    status: normaliseStatus(s.status),
    snapshotType: labelValue(s.snapshotType),
    frequency: labelValue(s.frequencyType),
    time: s.createdAt,
    expiresAt: s.expiresAt,
    storageBytes: s.storageSizeBytes,
    mongodbVersion: s.mongodVersion,
    ...(s.copyRegions === undefined ? {} : { copyRegions: s.copyRegions }),
  };
}
