import type { ClusterRecord, CollectorState } from '../collect/state.js';
import { BACKUP_STATUSES, type BackupStatus, backupStatus, statusFacts } from '../status/backup-status.js';

/**
 * Rows per page of the cluster table. At L (5,000 clusters) a page stays quick to render and
 * to scroll on a phone; the counts above it always cover every cluster.
 */
export const PAGE_SIZE = 100;

/** One cluster as the table shows it. */
export interface ClusterRow {
  readonly record: ClusterRecord;
  readonly status: BackupStatus;
  /** seconds since the newest completed snapshot, measured now, as /metrics measures it */
  readonly ageSeconds: number | undefined;
}

/** What the page shows of the clusters: every count, and one page of one status (or of all). */
export interface ClusterView {
  readonly counts: ReadonlyMap<BackupStatus, number>;
  readonly total: number;
  readonly filter: BackupStatus | undefined;
  /** clusters that pass the filter, across all pages */
  readonly matching: number;
  readonly page: number;
  readonly pages: number;
  readonly rows: readonly ClusterRow[];
}

/** `not read` → `not-read`: a status as a query parameter value. */
export const statusSlug = (status: BackupStatus): string => status.replace(/ /g, '-');

const BY_SLUG = new Map(BACKUP_STATUSES.map((s) => [statusSlug(s), s]));
const RANK = new Map(BACKUP_STATUSES.map((s, i) => [s, i]));

/** The query of `/`: `?status=overdue&page=2`; anything unknown or out of range falls back. */
export interface ViewQuery {
  readonly status?: string | null;
  readonly page?: string | null;
}

function sortKey(row: ClusterRow): string {
  const { info } = row.record;
  // code-unit order on a precomputed key: Intl collation costs too much at 5,000 clusters
  return `${RANK.get(row.status)}\u0000${info.groupName.toLowerCase()}\u0000${info.name.toLowerCase()}\u0000${info.kind}`;
}

/** Statuses of every cluster, counted; the chosen page of rows, those needing attention first. */
export function clusterView(state: CollectorState, nowMs: number, query: ViewQuery = {}): ClusterView {
  const nowSeconds = nowMs / 1000;
  const counts = new Map<BackupStatus, number>(BACKUP_STATUSES.map((s) => [s, 0]));
  const filter = BY_SLUG.get(query.status ?? '');
  const keyed: Array<{ key: string; row: ClusterRow }> = [];
  for (const record of state.clusters.values()) {
    const status = backupStatus(statusFacts(record), nowSeconds);
    counts.set(status, (counts.get(status) ?? 0) + 1);
    if (filter !== undefined && status !== filter) continue;
    const completed = record.summary?.lastCompletedTime;
    const row = { record, status, ageSeconds: completed === undefined ? undefined : nowSeconds - completed };
    keyed.push({ key: sortKey(row), row });
  }
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const pages = Math.max(1, Math.ceil(keyed.length / PAGE_SIZE));
  const asked = Number.parseInt(query.page ?? '1', 10);
  const page = Number.isFinite(asked) ? Math.min(Math.max(1, asked), pages) : 1;
  const rows = keyed.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((k) => k.row);
  return { counts, total: state.clusters.size, filter, matching: keyed.length, page, pages, rows };
}
