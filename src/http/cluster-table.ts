import { clusterEventNotes, deletionNotes } from '../collect/backup-notes.js';
import type { ClusterRecord, CollectorState } from '../collect/state.js';
import type { AnyCollector, ClusterNote, CollectorColumn } from '../collectors/collector.js';
import { COLLECTORS } from '../collectors/index.js';
import { type ClusterRow, type ClusterView, PAGE_SIZE, statusSlug } from './cluster-view.js';
import { ago, count, humanDuration, utc } from './format.js';
import { html, type SafeHtml } from './html.js';
import { problemInWords } from './problem-words.js';
import { statusBadge, statusClass } from './status-look.js';

/** One column of the cluster table: its heading and how a row fills it. */
export interface Column {
  readonly head: string;
  readonly cell: (row: ClusterRow, nowMs: number) => SafeHtml;
}

function snapshotAge(row: ClusterRow): SafeHtml {
  const interval = row.record.info.expectedIntervalSeconds;
  const age = row.ageSeconds === undefined ? 'none' : humanDuration(row.ageSeconds);
  const every = interval === undefined ? '–' : humanDuration(interval);
  const ratio =
    row.ageSeconds !== undefined && interval
      ? html` <small>${(row.ageSeconds / interval).toFixed(1)}×</small>`
      : '';
  return html`${age} / ${every}${ratio}`;
}

function lastCollection(row: ClusterRow, nowMs: number): SafeHtml {
  const { record } = row;
  const checked = record.lastSuccessMs;
  const when =
    checked === undefined ? 'never' : html`<span title="${utc(checked)}">${ago(checked, nowMs)}</span>`;
  if (record.collectSuccess) return html`<span class="muted">checked ${when}</span>`;
  const why = record.error ? problemInWords(record.error) : 'not read';
  return html`${why}<br><span class="muted">last checked ${when}</span>`;
}

/**
 * A collector's column: the age of the time its facts name, as its family says, and whether it
 * was read. A list never read has no time to show: "none" would say it holds none.
 */
function collectorColumn(c: AnyCollector & { column: CollectorColumn<unknown> }): Column {
  const { head, time, notRead } = c.column;
  function cell({ record }: ClusterRow, nowMs: number): SafeHtml {
    const reading = record.readings.get(c.name);
    if (!reading) return html`<span class="muted">–</span>`;
    const t = reading.facts === undefined ? undefined : time(reading.facts);
    const age =
      t === undefined ? 'none' : html`<span title="${utc(t * 1000)}">${ago(t * 1000, nowMs)}</span>`;
    if (reading.success) return html`${age}`;
    const role = reading.missingRole;
    const why = html`${notRead}${role ? html`<br><small>needs the ${role} role</small>` : ''}`;
    if (reading.facts === undefined) return why;
    return html`${age}<br><span class="muted">${why}</span>`;
  }
  return { head, cell };
}

/** The table's own first columns, in order; tableColumns adds the notes, the last collection and the collectors'. */
export const CLUSTER_COLUMNS: readonly Column[] = [
  { head: 'Status', cell: (row) => statusBadge(row.status, row.last) },
  { head: 'Cluster', cell: (row) => html`<b>${row.record.info.name}</b>` },
  { head: 'Newest snapshot / expected every', cell: snapshotAge },
  {
    head: 'Project',
    cell: ({ record: { info } }) =>
      html`<span title="${info.groupId}">${info.groupName || info.groupId}</span>`,
  },
  {
    head: 'Kind',
    cell: ({ record: { info } }) =>
      info.kind === 'dedicated' ? html`dedicated <small>${info.tier}</small>` : html`${info.kind}`,
  },
];

/**
 * After the notes and before the collectors' columns: the last column wraps, so why a cluster was
 * not read stays in view while no collector column follows.
 */
const LAST_COLLECTION: Column = { head: 'Last collection', cell: lastCollection };

/**
 * What a cluster's status does not say: each collector's notes from its last facts, those of the
 * cluster's backup events, and a snapshot deleted by hand in its project within the lookback.
 */
export function clusterNotes(
  record: ClusterRecord,
  state: CollectorState,
  nowMs: number,
  lookbackMs: number,
): ClusterNote[] {
  const { info, readings } = record;
  const fromCollectors = COLLECTORS.flatMap((c) => {
    const facts = readings.get(c.name)?.facts;
    return c.notes && facts !== undefined ? c.notes(facts, info, nowMs, readings) : [];
  });
  return [
    ...fromCollectors,
    ...clusterEventNotes(record.backupEvents),
    ...deletionNotes(state.projects.get(info.groupId), nowMs, lookbackMs),
  ];
}

function note({ text, sinceMs, atMs }: ClusterNote, nowMs: number): SafeHtml {
  if (sinceMs !== undefined)
    return html`${text} <span title="${utc(sinceMs)}">since ${humanDuration((nowMs - sinceMs) / 1000)}</span>`;
  if (atMs !== undefined) return html`${text} <span title="${utc(atMs)}">${ago(atMs, nowMs)}</span>`;
  return html`${text}`;
}

/** The notes column, for a state's clusters and --atlas.events-lookback. */
export function notesColumn(state: CollectorState, lookbackMs: number): Column {
  function cell({ record }: ClusterRow, nowMs: number): SafeHtml {
    const notes = clusterNotes(record, state, nowMs, lookbackMs);
    if (notes.length === 0) return html``;
    return html`<ul class="notes">${notes.map((n) => html`<li>${note(n, nowMs)}</li>`)}</ul>`;
  }
  return { head: 'Notes', cell };
}

/** The columns for these rows: a collector's only when some row has a reading of it. */
export function tableColumns(view: ClusterView, notes: Column): readonly Column[] {
  const read = COLLECTORS.filter(
    (c): c is AnyCollector & { column: CollectorColumn<unknown> } =>
      c.column !== undefined && view.rows.some((r) => r.record.readings.has(c.name)),
  );
  return [...CLUSTER_COLUMNS, notes, LAST_COLLECTION, ...read.map(collectorColumn)];
}

function pager(view: ClusterView): SafeHtml {
  if (view.pages === 1) return html``;
  const status = view.filter === undefined ? '' : `status=${statusSlug(view.filter)}&`;
  const link = (page: number, text: string) =>
    page < 1 || page > view.pages
      ? html`<span>${text}</span>`
      : html`<a href="?${status}page=${page}">${text}</a>`;
  return html`<nav class="pager" aria-label="Pages">${link(view.page - 1, '‹ previous')}<span>page ${view.page} of ${view.pages}</span>${link(view.page + 1, 'next ›')}</nav>`;
}

const clusters = (n: number) => `${count(n)} cluster${n === 1 ? '' : 's'}`;

function caption(view: ClusterView): SafeHtml {
  if (view.matching === 0)
    return html`<p class="muted">${view.filter ? `No cluster is ${view.filter}.` : 'No cluster read yet.'}</p>`;
  const first = (view.page - 1) * PAGE_SIZE + 1;
  const range = view.pages === 1 ? '' : `${count(first)}–${count(first + view.rows.length - 1)} of `;
  if (view.filter === undefined)
    return html`<p class="muted">${range}${clusters(view.matching)}, those needing attention first.</p>`;
  return html`<p class="muted">${range}${clusters(view.matching)} ${view.filter} (<a href="./">show all</a>).</p>`;
}

/** The cluster section: caption, the table in a box of its own that scrolls sideways, pages. */
export function clusterTable(
  view: ClusterView,
  nowMs: number,
  columns: readonly Column[] = [...CLUSTER_COLUMNS, LAST_COLLECTION],
): SafeHtml {
  const head = columns.map((c) => html`<th scope="col">${c.head}</th>`);
  const body = view.rows.map((row) => {
    const { info } = row.record;
    const cells = columns.map((c) => html`<td>${c.cell(row, nowMs)}</td>`);
    return html`<tr class="${statusClass(row.status)}" data-group-id="${info.groupId}" data-cluster="${info.name}" data-kind="${info.kind}">${cells}</tr>\n`;
  });
  const table =
    view.rows.length === 0
      ? html``
      : html`<div class="scroll"><table><thead><tr>${head}</tr></thead><tbody>\n${body}</tbody></table></div>`;
  return html`${caption(view)}${table}${pager(view)}`;
}
