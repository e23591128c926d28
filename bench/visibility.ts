import type { BackupEvent } from './events.js';

/** `mongodbatlas_backup_<name>` per `group/kind/cluster`, for the visibility checks. */
function clusterValues(body: string, name: string): Map<string, number> {
  const out = new Map<string, number>();
  const prefix = `mongodbatlas_backup_${name}{`;
  for (const line of body.split('\n')) {
    if (!line.startsWith(prefix)) continue;
    const g = /group_id="([^"]*)"/.exec(line)?.[1];
    const c = /cluster_name="([^"]*)"/.exec(line)?.[1];
    const k = /cluster_kind="([^"]*)"/.exec(line)?.[1];
    out.set(`${g}/${k}/${c}`, Number(line.slice(line.lastIndexOf(' ') + 1)));
  }
  return out;
}

function visible(e: BackupEvent, completed: Map<string, number>, failed: Map<string, number>): boolean {
  const key = `${e.groupId}/${e.kind}/${e.name}`;
  const value = (e.outcome === 'completed' ? completed : failed).get(key);
  return value !== undefined && value >= Math.floor(e.dueMs / 1000);
}

/** The indexes of the events in `watch` whose final state the /metrics `body` shows. */
export function visibleIn(body: string, watch: readonly BackupEvent[]): number[] {
  if (watch.length === 0) return [];
  const completed = clusterValues(body, 'last_completed_snapshot_timestamp_seconds');
  const failed = clusterValues(body, 'last_failed_snapshot_timestamp_seconds');
  return watch.flatMap((e, i) => (visible(e, completed, failed) ? [i] : []));
}
