import { labelValue } from '../../resources/labels.js';
import type { ExportJob } from './schema.js';

/** The states of a job Atlas has not finished yet, as the contract spells them. */
const UNFINISHED: ReadonlySet<string> = new Set(['queued', 'in_progress']);

export interface ExportStateCount {
  readonly state: string;
  readonly count: number;
}

/** What the export series need of one cluster's export jobs. */
export interface ExportSummary {
  readonly counts: readonly ExportStateCount[];
  readonly lastSuccessfulTime: number | undefined;
  readonly lastFailedTime: number | undefined;
  /** a job is queued or in progress: the list is read again on the next refresh */
  readonly unfinished: boolean;
}

const newer = (a: number | undefined, b: number | undefined) =>
  b === undefined || (a !== undefined && a >= b) ? a : b;

/**
 * Folds export jobs into a summary, whatever order Atlas lists them in. `InProgress` becomes
 * `in_progress`, an unknown state is passed through in snake_case. A failed job that never
 * finished is placed at its creation.
 */
export function summariseExportJobs(jobs: Iterable<ExportJob>): ExportSummary {
  const counts = new Map<string, number>();
  let lastSuccessfulTime: number | undefined;
  let lastFailedTime: number | undefined;
  let unfinished = false;
  for (const job of jobs) {
    const state = labelValue(job.state);
    counts.set(state, (counts.get(state) ?? 0) + 1);
    if (state === 'successful') lastSuccessfulTime = newer(lastSuccessfulTime, job.finishedAt);
    else if (state === 'failed') lastFailedTime = newer(lastFailedTime, job.finishedAt ?? job.createdAt);
    else if (UNFINISHED.has(state)) unfinished = true;
  }
  return {
    counts: [...counts].map(([state, count]) => ({ state, count })),
    lastSuccessfulTime,
    lastFailedTime,
    unfinished,
  };
}
