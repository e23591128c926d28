import type { SimWorld } from '../simulator/index.js';
import type { BackupEvent } from './events.js';

const DAY_MS = 86_400_000;
/** A Flex snapshot is listed COMPLETED this long after its scheduled time (start +5–46 s, ~80 s long). */
const LISTED_DONE_MS = 3 * 60_000;

interface Mutators {
  addSnapshot(
    t: { groupId: string; name: string; kind: 'flex' },
    init: { status: string; atMs: number },
  ): unknown;
}

/**
 * Atlas's own daily snapshots of the Flex clusters the size knobs added and no event drives: the
 * next one a day after the newest, and snapshots dropped once expired. Without it a Flex cluster
 * that comes due in the measured hour stays due, and the exporter's reads of it are not the ones
 * it would make against Atlas.
 */
export function takeDailyFlexSnapshots(
  world: SimWorld,
  sim: Mutators,
  events: readonly BackupEvent[],
  nowMs: number,
): void {
  const driven = new Set(events.filter((e) => e.kind === 'flex').map((e) => `${e.groupId}/${e.name}`));
  for (const p of world.projects) {
    for (const c of p.flex) {
      if (!/-\d+$/.test(c.name) || driven.has(`${c.groupId}/${c.name}`)) continue;
      const newest = c.snapshots.at(-1);
      if (newest && nowMs >= newest.scheduledMs + DAY_MS + LISTED_DONE_MS)
        sim.addSnapshot(
          { groupId: c.groupId, name: c.name, kind: 'flex' },
          { status: 'COMPLETED', atMs: newest.scheduledMs + DAY_MS },
        );
      if (c.snapshots.some((s) => s.expirationMs !== undefined && s.expirationMs <= nowMs))
        c.snapshots = c.snapshots.filter((s) => s.expirationMs === undefined || s.expirationMs > nowMs);
    }
  }
}
