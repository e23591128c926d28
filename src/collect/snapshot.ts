import type { CloudSnapshot, FlexSnapshot } from '../atlas/types.js';

/** A snapshot of either API in one shape, with the contract's label values. */
export interface Snapshot {
  id: string | undefined;
  status: string;
  snapshotType: string;
  frequency: string;
  /** snapshot time (Unix seconds), see the contract's "snapshot time" */
  time: number | undefined;
  expiresAt: number | undefined;
  storageBytes: number | undefined;
  mongodbVersion: string | undefined;
}

/** Atlas's status spellings, both APIs, mapped to the contract's label values. */
const STATUS: Readonly<Record<string, string>> = {
  pending: 'pending',
  queued: 'queued',
  inprogress: 'in_progress',
  in_progress: 'in_progress',
  running: 'in_progress',
  completed: 'completed',
  failed: 'failed',
};

/** `inProgress` → `in_progress`, `ON_DEMAND` → `on_demand`; a value Atlas adds later passes through. */
export function snakeCase(value: string): string {
  return value
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
}

export function normaliseStatus(status: string | undefined): string {
  if (status === undefined || status.trim() === '') return 'unknown';
  return STATUS[status.trim().toLowerCase()] ?? snakeCase(status);
}

function label(value: string | undefined): string {
  return value === undefined || value.trim() === '' ? 'unknown' : snakeCase(value);
}

/** Flex takes only daily scheduled snapshots; its snapshot time is startTime, else scheduledTime. */
export function fromFlexSnapshot(s: FlexSnapshot): Snapshot {
  return {
    id: s.id,
    status: normaliseStatus(s.status),
    snapshotType: 'scheduled',
    frequency: 'daily',
    time: s.startTime ?? s.scheduledTime,
    expiresAt: s.expiration,
    storageBytes: undefined,
    mongodbVersion: s.mongoDBVersion,
  };
}

export function fromCloudSnapshot(s: CloudSnapshot): Snapshot {
  return {
    id: s.id,
    status: normaliseStatus(s.status),
    snapshotType: label(s.snapshotType),
    frequency: label(s.frequencyType),
    time: s.createdAt,
    expiresAt: s.expiresAt,
    storageBytes: s.storageSizeBytes,
    mongodbVersion: s.mongodVersion,
  };
}
