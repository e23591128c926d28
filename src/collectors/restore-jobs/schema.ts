import { bool, defined, isObject, text, unixSeconds } from '../../resources/lenient.js';

/** A Flex restore job (FlexBackupRestoreJob20241113), the fields we use; none is required. */
export interface FlexRestoreJob {
  /** PENDING, QUEUED, RUNNING, FAILED, COMPLETED; the spec's text also names CLOSED (open set) */
  status?: string;
  /** RESTORE, DOWNLOAD */
  deliveryType?: string;
  restoreScheduledDate?: number;
  /** absent until the job completes */
  restoreFinishedDate?: number;
}

/**
 * A dedicated restore job (DiskBackupSnapshotRestoreJob). Atlas gives it no status and no
 * creation time: only these flags and the time it finished.
 */
export interface DedicatedRestoreJob {
  /** automated, download, pointInTime (required by the spec, an open set all the same) */
  deliveryType?: string;
  cancelled: boolean;
  failed: boolean;
  expired: boolean;
  finishedAt?: number;
}

/**
 * A collection-level restore job of a dedicated cluster (ApiAtlasCollectionRestoreJobResponse,
 * 2025-03-12): unlike the cluster-level job it has a state and both ends.
 */
export interface CollectionRestoreJob {
  /** INITIALIZING, IN_PROGRESS, FINALIZING, SUCCESSFUL, CANCELED, FAILED (an open set all the same) */
  state?: string;
  createdAt?: number;
  /** absent until the job ends */
  finishedAt?: number;
}

export function parseFlexRestoreJob(raw: unknown): FlexRestoreJob | undefined {
  if (!isObject(raw)) return undefined;
  return defined<FlexRestoreJob>({
    status: text(raw.status),
    deliveryType: text(raw.deliveryType),
    restoreScheduledDate: unixSeconds(raw.restoreScheduledDate),
    restoreFinishedDate: unixSeconds(raw.restoreFinishedDate),
  });
}

export function parseDedicatedRestoreJob(raw: unknown): DedicatedRestoreJob | undefined {
  if (!isObject(raw)) return undefined;
  return defined<DedicatedRestoreJob>({
    deliveryType: text(raw.deliveryType),
    cancelled: bool(raw.cancelled) ?? false,
    failed: bool(raw.failed) ?? false,
    expired: bool(raw.expired) ?? false,
    finishedAt: unixSeconds(raw.finishedAt),
  });
}

export function parseCollectionRestoreJob(raw: unknown): CollectionRestoreJob | undefined {
  if (!isObject(raw)) return undefined;
  return defined<CollectionRestoreJob>({
    state: text(raw.state),
    createdAt: unixSeconds(raw.createdAt),
    finishedAt: unixSeconds(raw.finishedAt),
  });
}
