import { auditEvents } from '../collect/backup-notes.js';
import type { CollectorState, ProjectRecord } from '../collect/state.js';
import {
  BACKUP_STATUSES,
  type BackupStatus,
  NEEDS_ATTENTION,
  OVERDUE_FACTOR,
} from '../status/backup-status.js';
import { clusterTable, notesColumn, tableColumns } from './cluster-table.js';
import { type ClusterView, clusterView, PAGE_SIZE, statusSlug, type ViewQuery } from './cluster-view.js';
import { ago, count, humanDuration, seconds, utc } from './format.js';
import { html, type SafeHtml } from './html.js';
import { LANDING_STYLE } from './landing-style.js';
import { problemInBrief, problemInWords } from './problem-words.js';
import { STATUS_SYMBOL, statusClass } from './status-look.js';

export interface LandingInput {
  readonly version: string;
  readonly telemetryPath: string;
  /** the effective configuration, secrets already masked */
  readonly config: Record<string, unknown>;
  readonly state: CollectorState;
  readonly nowMs: number;
  /** --atlas.events-lookback: how far back the notes and the audit events reach */
  readonly eventsLookbackMs: number;
  readonly query?: ViewQuery;
}

const isUnlisted = (p: ProjectRecord) => [...p.listed.values()].includes(false);

/** Ends a text with a full stop unless it already ends with one (Atlas's own words often do). */
const sentence = (text: string) => (/[.!?]”?$/.test(text) ? text : `${text}.`);

/** What the last refresh achieved, in one sentence; the first thing a reader needs to trust the rest. */
function refreshLine(state: CollectorState, view: ClusterView, nowMs: number): SafeHtml {
  if (state.lastRefreshEndMs === undefined)
    return html`<p class="refresh warn">The first refresh is running: nothing has been read from Atlas yet.</p>`;
  const when = html`<span title="${utc(state.lastRefreshEndMs)}">${ago(state.lastRefreshEndMs, nowMs)}</span>`;
  if (!state.up) {
    const why = state.error ? problemInWords(state.error) : 'The exporter could not list projects';
    const data =
      state.dataTimeMs === undefined
        ? 'Nothing has been read yet.'
        : `The page shows what was read ${ago(state.dataTimeMs, nowMs)}.`;
    return html`<p class="refresh bad">${sentence(why)} Last try ${when}. ${data}</p>`;
  }
  const took = seconds(state.lastRefreshDurationMs ?? 0);
  const notListed = [...state.projects.values()].filter(isUnlisted).length;
  const notRead = view.counts.get('not read') ?? 0;
  const problems = [
    notListed > 0 ? `${count(notListed)} project${notListed === 1 ? '' : 's'} could not be listed` : '',
    notRead > 0 ? `${count(notRead)} cluster${notRead === 1 ? '' : 's'} not read` : '',
  ].filter(Boolean);
  const tone = problems.length > 0 ? 'warn' : '';
  const tail = problems.length > 0 ? `, with problems: ${problems.join(', ')}` : '';
  return html`<p class="refresh ${tone}">Atlas read ${when} in ${took}${tail}.</p>`;
}

/** The count tiles; none while nothing was ever read, when 0 failed would claim what is not known. */
function counts(state: CollectorState, view: ClusterView): SafeHtml {
  if (state.dataTimeMs === undefined) return html``;
  const tiles = BACKUP_STATUSES.map((status) => {
    const n = view.counts.get(status) ?? 0;
    const notRead = view.notRead.get(status) ?? 0;
    const of = notRead > 0 ? html`<small class="of">${count(notRead)} not read</small>` : '';
    const current = view.filter === status ? html` aria-current="true"` : '';
    return html`<a class="count ${statusClass(status)}${n === 0 ? ' zero' : ''}" href="?status=${statusSlug(status)}"${current}><b>${count(n)}</b><span class="label"><span class="sym" aria-hidden="true">${STATUS_SYMBOL[status]}</span> <span class="word">${status}</span></span>${of}</a>`;
  });
  const all = view.filter === undefined ? html` aria-current="true"` : '';
  return html`<nav class="counts" aria-label="Clusters by backup status">${tiles}<a class="count" href="./"${all}><b>${count(view.total)}</b><span class="label">all clusters</span></a></nav>`;
}

/** `2 failed, 1 overdue`: the counts of these statuses that are not 0. */
const countsOf = (view: ClusterView, statuses: readonly BackupStatus[]) =>
  statuses
    .map((s) => [s, view.counts.get(s) ?? 0] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${count(n)} ${s}`);

/**
 * The tab's title: once anything was read, the counts of the statuses needing attention (or of
 * the others when none does); until then what went wrong, never that backups are fine.
 */
function title(state: CollectorState, view: ClusterView): { text: string; alarm: boolean } {
  if (state.dataTimeMs === undefined) {
    const why =
      state.lastRefreshEndMs === undefined
        ? 'not read yet'
        : `not read: ${state.error ? problemInBrief(state.error) : 'projects not listed'}`;
    return { text: `Atlas ${why}`, alarm: true };
  }
  const attention = countsOf(
    view,
    BACKUP_STATUSES.filter((s) => NEEDS_ATTENTION.has(s)),
  );
  if (attention.length > 0) return { text: attention.join(', '), alarm: true };
  const rest = countsOf(view, BACKUP_STATUSES);
  return { text: rest.length > 0 ? rest.join(', ') : 'no clusters', alarm: false };
}

function unlistedProjects(state: CollectorState): SafeHtml {
  const failed = [...state.projects.values()].filter(isUnlisted);
  if (failed.length === 0) {
    const n = state.projects.size;
    return html`<p class="muted">${n === 0 ? 'No project listed yet.' : `All ${count(n)} projects were listed.`}</p>`;
  }
  const items = failed.slice(0, PAGE_SIZE).map((p) => {
    const kinds = [...p.listed].filter(([, ok]) => !ok).map(([kind]) => kind);
    const why = p.error ? problemInWords(p.error) : 'not listed';
    if (p.group.unlisted)
      return html`<li><b>${p.group.id}</b>, given in --atlas.project-id, does not exist or these credentials cannot see it<br><span class="muted">${kinds.join(', ')}:</span> ${why}</li>`;
    return html`<li><b>${p.group.name}</b> <small>${p.group.id}</small><br><span class="muted">${kinds.join(', ')}:</span> ${why}</li>`;
  });
  const more =
    failed.length > PAGE_SIZE
      ? html`<p class="muted">and ${count(failed.length - PAGE_SIZE)} more: see mongodbatlas_exporter_project_collect_success.</p>`
      : '';
  return html`<ul class="projects">${items}</ul>${more}`;
}

/** Audit events listed before "and N more": the newest tell what to look at. */
export const AUDIT_EVENTS_SHOWN = 20;

const ACTOR_WORDS = { api_key: 'an API key', user: 'a user', atlas: 'Atlas' } as const;

/** Every project's backup audit events of the lookback, newest first, the first AUDIT_EVENTS_SHOWN. */
function auditList(state: CollectorState, nowMs: number, lookbackMs: number): SafeHtml {
  const events = [...state.projects.values()]
    .flatMap((p) => auditEvents(p.backupEvents, nowMs, lookbackMs).map((e) => ({ ...e, group: p.group })))
    .sort((a, b) => b.ms - a.ms);
  const within = `in the last ${humanDuration(lookbackMs / 1000)}`;
  if (events.length === 0) return html`<p class="muted">No backup audit event ${within}.</p>`;
  const items = events
    .slice(0, AUDIT_EVENTS_SHOWN)
    .map(
      (e) =>
        html`<li><b>${e.type}</b> by ${ACTOR_WORDS[e.actor]} in <span title="${e.group.id}">${e.group.name || e.group.id}</span>, <span title="${utc(e.ms)}">${ago(e.ms, nowMs)}</span></li>`,
    );
  const more =
    events.length > AUDIT_EVENTS_SHOWN
      ? html`<p class="muted">and ${count(events.length - AUDIT_EVENTS_SHOWN)} more: see mongodbatlas_backup_project_last_event_timestamp_seconds.</p>`
      : '';
  return html`<p class="muted">The newest of each type and actor ${within}, newest first.</p><ul class="audit">${items}</ul>${more}`;
}

function configValue(value: unknown): SafeHtml {
  if (value === null || value === undefined) return html`<span class="muted">not set</span>`;
  if (Array.isArray(value))
    return value.length === 0 ? html`<span class="muted">none</span>` : html`${value.join(', ')}`;
  if (typeof value === 'object')
    return html`${Object.entries(value)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ')}`;
  return html`${String(value)}`;
}

function configList(config: Record<string, unknown>): SafeHtml {
  const rows = Object.entries(config).map(
    ([key, value]) => html`<dt>${key}</dt><dd>${configValue(value)}</dd>`,
  );
  return html`<dl class="config">${rows}</dl>`;
}

/**
 * The `/` page, from the state a scrape serves and without any Atlas request: counts by backup
 * status, the clusters needing attention first (paged) with their notes, the projects that could
 * not be listed, the projects' backup audit events, and the effective configuration.
 */
export function landingPage(input: LandingInput): string {
  const { state, nowMs } = input;
  const view = clusterView(state, nowMs, input.query);
  const tab = title(state, view);
  // an inline icon: the browser asks for no /favicon.ico; red while any needs attention or nothing was read
  const icon = `data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'><circle cx='8' cy='8' r='7' fill='%23${tab.alarm ? 'cf222e' : '1a7f37'}'/></svg>`;
  return html`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<link rel="icon" href="${icon}">
<title>${tab.text} · Atlas backup exporter</title>
<style>${LANDING_STYLE}</style>
</head><body>
<header><h1>MongoDB Atlas backup exporter</h1><span class="muted">version ${input.version}</span>
<nav><a href="${input.telemetryPath}">Metrics</a><a href="/-/healthy">Health</a><a href="/-/ready">Readiness</a></nav></header>
${refreshLine(state, view, nowMs)}
${counts(state, view)}
<h2>Clusters</h2>
${clusterTable(view, nowMs, tableColumns(view, notesColumn(state, input.eventsLookbackMs)))}
<h2>Projects that could not be listed</h2>
${unlistedProjects(state)}
<h2>Backup audit events</h2>
${auditList(state, nowMs, input.eventsLookbackMs)}
<h2>Configuration</h2>
${configList(input.config)}
<footer><p>A cluster's status is the first of these that applies: <b>not read</b> (its snapshots could not be read on the last refresh; the values are the last good ones, and it is also counted in the status they have, “not read (last: failed)”, since the alerts still fire on them), <b>paused</b>, <b>backup off</b>, <b>failed</b> (a failed snapshot newer than the newest completed one), <b>no snapshot</b> (none completed), <b>overdue</b> (the newest completed snapshot is older than ${OVERDUE_FACTOR} × the expected interval, the shipped alert's rule), else <b>ok</b>.</p>
<p>Built from the data the last refresh cached, the same that ${input.telemetryPath} serves: this page sends no request to Atlas.</p></footer>
</body></html>
`.text;
}
