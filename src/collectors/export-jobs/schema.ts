import { defined, isObject, text, unixSeconds } from '../../resources/lenient.js';

/** An export job (DiskBackupExportJob), the fields we use; none is required. */
export interface ExportJob {
  /** Queued, InProgress, Successful, Failed, Cancelled: PascalCase, an open set all the same */
  state?: string;
  createdAt?: number;
  /** absent until the job ends */
  finishedAt?: number;
}

export function parseExportJob(raw: unknown): ExportJob | undefined {
  if (!isObject(raw)) return undefined;
  return defined<ExportJob>({
    state: text(raw.state),
    createdAt: unixSeconds(raw.createdAt),
    finishedAt: unixSeconds(raw.finishedAt),
  });
}
