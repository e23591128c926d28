import type { ClusterRecord, CollectorState } from '../collect/state.js';
import {
  BACKUP_STATUSES,
  type BackupStatus,
  backupStatus,
  lastGoodStatus,
  type StatusFacts,
  statusFacts,
} from '../status/backup-status.js';

/**
 * Rows per page of the cluster table. At L (5,000 clusters) a page stays quick to render and
 * to scroll on a phone; the counts above it always cover every cluster.
 */
export const PAGE_SIZE = 100;

/** One cluster as the table shows it. */
export interface ClusterRow {
  readonly record: ClusterRecord;
  readonly status: BackupStatus;
  /** for a `not read` cluster read before, the status its last good values have now */
  readonly last: BackupStatus | undefined;
  /** seconds since the newest completed snapshot, measured now, as /metrics measures it */
  readonly ageSeconds: number | undefined;
}

/** What the page shows of the clusters: every count, and one page of one status (or of all). */
export interface ClusterView {
  /**
   * Clusters by status. A `not read` cluster read before counts twice: as `not read`, and in
   * the status its last good values have, since the alerts still fire on those values.
   */
  readonly counts: ReadonlyMap<BackupStatus, number>;
  /** of each status's count, how many are `not read` clusters counted by their last good values */
  readonly notRead: ReadonlyMap<BackupStatus, number>;
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

/** The query of `/`: `?status=overdue&page=2`; empty or absent means all clusters, page 1. */
export interface ViewQuery {
  readonly status?: string | null;
  readonly page?: string | null;
}

/** A query the page cannot answer: 400 for an unknown status or a page that is no number, 404 past the last page. */
export class ViewQueryError extends Error {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
  }
}

/** A query value quoted in an answer, cut short: the answer need not echo a long one. */
const quoted = (text: string) => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);

function statusFilter(slug: string | null | undefined): BackupStatus | undefined {
  if (!slug) return undefined;
  const status = BY_SLUG.get(slug);
  if (status === undefined)
    throw new ViewQueryError(
      400,
      `unknown status ${quoted(slug)}; use one of ${[...BY_SLUG.keys()].join(', ')}`,
    );
  return status;
}

function pageNumber(text: string | null | undefined, pages: number, matching: number): number {
  if (!text) return 1;
  const page = /^\d{1,9}$/.test(text) ? Number(text) : 0;
  if (page < 1) throw new ViewQueryError(400, `page ${quoted(text)} is not a page number; pages start at 1`);
  if (page > pages)
    throw new ViewQueryError(
      404,
      `there is no page ${page}: ${matching} ${matching === 1 ? 'cluster matches' : 'clusters match'}, on ${pages} page${pages === 1 ? '' : 's'}`,
    );
  return page;
}

const nameKey = ({ info }: ClusterRecord) =>
  `${info.groupName.toLowerCase()}\u0000${info.name.toLowerCase()}\u0000${info.kind}`;

/** A state's clusters by project, name and kind, with the facts their status is decided from. */
interface Sorted {
  readonly records: readonly ClusterRecord[];
  readonly facts: readonly StatusFacts[];
}

/**
 * The order and the facts do not change until the next refresh replaces the state, so they are
 * worked out once per state and kept with it (a WeakMap: they go with it); the statuses depend
 * on the clock and are decided per request. Each record is read once, its facts copied out
 * beside its sort key: at 5,000 clusters merely touching every record, scattered through the
 * heap by a refresh, costs 10-40 ms, while the copies make a request cost about 1 ms. Code-unit
 * order on the key: Intl collation costs too much at that size.
 */
const byState = new WeakMap<CollectorState, Sorted>();

const entry = (record: ClusterRecord) => ({ key: nameKey(record), facts: statusFacts(record), record });

function finish(state: CollectorState, entries: Array<ReturnType<typeof entry>>): Sorted {
  entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const result = { records: entries.map((e) => e.record), facts: entries.map((e) => e.facts) };
  byState.set(state, result);
  return result;
}

/** Records read between two turns of the event loop while a view is prepared. */
const CHUNK = 1000;

/**
 * The once-per-state work, done when a refresh publishes the state, a thousand records at a
 * time with a turn of the event loop between, so that neither a scrape nor the first view of
 * the page waits for all of it. A request that comes first does it at once instead.
 */
export async function prepareClusterView(state: CollectorState): Promise<void> {
  const entries: Array<ReturnType<typeof entry>> = [];
  for (const record of state.clusters.values()) {
    if (byState.has(state)) return;
    entries.push(entry(record));
    if (entries.length % CHUNK === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  if (!byState.has(state)) finish(state, entries);
}

function sorted(state: CollectorState): Sorted {
  return byState.get(state) ?? finish(state, [...state.clusters.values()].map(entry));
}

/**
 * Statuses of every cluster, counted; the chosen page of rows, those needing attention first. A
 * status's filter shows the `not read` clusters it counts first. Throws a ViewQueryError for a
 * query it cannot answer.
 */
export function clusterView(state: CollectorState, nowMs: number, query: ViewQuery = {}): ClusterView {
  const nowSeconds = nowMs / 1000;
  const filter = statusFilter(query.status);
  const { records, facts } = sorted(state);
  const bucket = () => new Map<BackupStatus, number[]>(BACKUP_STATUSES.map((s) => [s, []]));
  // indices into records: by status, the not-read ones read before by their last good status
  const byStatus = bucket();
  const byLast = bucket();
  for (const [i, f] of facts.entries()) {
    const last = lastGoodStatus(f, nowSeconds);
    (last ? byLast.get(last) : byStatus.get(backupStatus(f, nowSeconds)))?.push(i);
  }
  const of = (b: Map<BackupStatus, number[]>, s: BackupStatus) => b.get(s) ?? [];
  // those never read first, then by the status of their last good values, the worst first
  const notReadRows = [...of(byStatus, 'not read'), ...BACKUP_STATUSES.flatMap((s) => of(byLast, s))];
  const listed = (s: BackupStatus) =>
    s === 'not read' ? notReadRows : [...of(byLast, s), ...of(byStatus, s)];
  const counts = new Map(BACKUP_STATUSES.map((s) => [s, listed(s).length]));
  const shown =
    filter === undefined
      ? BACKUP_STATUSES.flatMap((s) => (s === 'not read' ? notReadRows : of(byStatus, s)))
      : listed(filter);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const page = pageNumber(query.page, pages, shown.length);
  const rows = shown.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((i): ClusterRow => {
    const f = facts[i] as StatusFacts;
    const completed = f.lastCompletedTime;
    return {
      record: records[i] as ClusterRecord,
      status: backupStatus(f, nowSeconds),
      last: lastGoodStatus(f, nowSeconds),
      ageSeconds: completed === undefined ? undefined : nowSeconds - completed,
    };
  });
  return {
    counts,
    notRead: new Map(BACKUP_STATUSES.map((s) => [s, of(byLast, s).length])),
    total: state.clusters.size,
    filter,
    matching: shown.length,
    page,
    pages,
    rows,
  };
}
