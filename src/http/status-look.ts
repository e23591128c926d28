import type { BackupStatus } from '../status/backup-status.js';
import { statusSlug } from './cluster-view.js';
import { html, type SafeHtml } from './html.js';

/** Each status's symbol, so no status is told by colour alone (the colour is in the stylesheet). */
export const STATUS_SYMBOL: Readonly<Record<BackupStatus, string>> = {
  'not read': '?',
  failed: '✖',
  'no snapshot': '○',
  overdue: '⌛',
  ok: '✔',
  paused: '‖',
  'backup off': '⊘',
};

/** The class that colours a status: `s-not-read`, `s-ok`, … */
export const statusClass = (status: BackupStatus): string => `s-${statusSlug(status)}`;

/** The status as the table shows it: symbol and word, coloured; a `not read` one also its last good status. */
export function statusBadge(status: BackupStatus, last?: BackupStatus): SafeHtml {
  const was = last ? html` <span class="last ${statusClass(last)}">(last: ${last})</span>` : '';
  return html`<span class="badge ${statusClass(status)}"><span class="sym" aria-hidden="true">${STATUS_SYMBOL[status]}</span> <span class="word">${status}</span>${was}</span>`;
}
