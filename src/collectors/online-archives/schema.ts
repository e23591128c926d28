import { defined, isObject, text } from '../../resources/lenient.js';

/** An online archive (BackupOnlineArchive), the one field the series use. */
export interface OnlineArchive {
  /**
   * PENDING, ACTIVE, PAUSING, PAUSED, DELETED, ORPHANED by the enum; the same spec's text names
   * ARCHIVING and IDLE too: an open set
   */
  readonly state?: string;
}

/** An archive; anything but an object is skipped, a missing or null state kept as absent. */
export function parseOnlineArchive(raw: unknown): OnlineArchive | undefined {
  if (!isObject(raw)) return undefined;
  return defined<OnlineArchive>({ state: text(raw.state) });
}
