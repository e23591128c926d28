import { normaliseStatus } from '../../resources/labels.js';
import { defined, isObject, text, unixSeconds } from '../../resources/lenient.js';
import type { Snapshot } from './snapshot.js';

/** A Flex snapshot (FlexBackupSnapshot20241113). Flex reports no size, type or frequency. */
export interface FlexSnapshot {
  id?: string;
  status?: string;
  scheduledTime?: number;
  startTime?: number;
  finishTime?: number;
  expiration?: number;
  mongoDBVersion?: string;
}

export function parseFlexSnapshot(raw: unknown): FlexSnapshot | undefined {
  if (!isObject(raw)) return undefined;
  return defined<FlexSnapshot>({
    id: text(raw.id),
    status: text(raw.status),
    scheduledTime: unixSeconds(raw.scheduledTime),
    startTime: unixSeconds(raw.startTime),
    finishTime: unixSeconds(raw.finishTime),
    expiration: unixSeconds(raw.expiration),
    mongoDBVersion: text(raw.mongoDBVersion),
  });
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
