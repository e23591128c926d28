import { labelValue } from '../../resources/labels.js';
import type { OnlineArchive } from './schema.js';

/**
 * Atlas removes a deleted archive's documents from its object storage: nothing is left that a
 * backup would miss. Every other state, an unknown one included, still holds archived data.
 */
export const DELETED = 'deleted';

export interface ArchiveStateCount {
  readonly state: string;
  readonly count: number;
}

/** What the archive series need of one cluster's online archives. */
export interface ArchiveSummary {
  /** by state in snake_case, only the states that exist */
  readonly counts: readonly ArchiveStateCount[];
}

/** Counts archives by state; a state Atlas adds later is passed through, a missing one is `unknown`. */
export function summariseOnlineArchives(archives: Iterable<OnlineArchive>): ArchiveSummary {
  const counts = new Map<string, number>();
  for (const archive of archives) {
    const state = labelValue(archive.state);
    counts.set(state, (counts.get(state) ?? 0) + 1);
  }
  return { counts: [...counts].map(([state, count]) => ({ state, count })) };
}

/** The archives that hold data no snapshot covers: all but the deleted ones. */
export function archivesOutsideBackups(summary: ArchiveSummary): number {
  return summary.counts.reduce((n, c) => (c.state === DELETED ? n : n + c.count), 0);
}
