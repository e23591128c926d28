/** The statuses of a snapshot or job Atlas has not finished yet (normalised). */
export const UNFINISHED_STATUSES: ReadonlySet<string> = new Set(['pending', 'queued', 'in_progress']);

/** Atlas's status spellings, every API, mapped to the contract's label values. */
const STATUS: Readonly<Record<string, string>> = {
  pending: 'pending',
  queued: 'queued',
  inprogress: 'in_progress',
  in_progress: 'in_progress',
  running: 'in_progress',
  completed: 'completed',
  failed: 'failed',
};

/** `inProgress` → `in_progress`, `ON_DEMAND` → `on_demand`; a value Atlas adds later passes through. */
export function snakeCase(value: string): string {
  return value
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
}

export function normaliseStatus(status: string | undefined): string {
  if (status === undefined || status.trim() === '') return 'unknown';
  return STATUS[status.trim().toLowerCase()] ?? snakeCase(status);
}

/** A label value from an open Atlas enum; `unknown` when Atlas gave none. */
export function labelValue(value: string | undefined): string {
  return value === undefined || value.trim() === '' ? 'unknown' : snakeCase(value);
}
