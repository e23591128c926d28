import type { AtlasClient } from '../../atlas/api.js';
import type { EndpointName, ListEndpoint } from '../../atlas/endpoints.js';
import type { ClusterInfo } from '../cluster.js';
import { restoreJobEndpoints } from './endpoints.js';
import { parseDedicatedRestoreJob, parseFlexRestoreJob } from './schema.js';
import {
  fromDedicatedRestoreJob,
  fromFlexRestoreJob,
  type RestoreJob,
  type RestoreSummary,
  summariseRestoreJobs,
} from './transform.js';

/** The restore jobs of one kind of cluster (--collector.restore-jobs). */
export interface RestoreJobResource {
  readonly endpoint: EndpointName;
  /** the Atlas role the list needs, named in the one warning when Atlas refuses it */
  readonly role: string;
  read(info: ClusterInfo, client: AtlasClient, signal: AbortSignal): Promise<RestoreSummary>;
}

/**
 * The first page only (500 jobs): a cluster used by a test suite had 2160 (restores.md), and
 * the newest jobs are what the series tell. Leaving the loop after one page ends the list.
 */
async function firstPage<T>(
  client: AtlasClient,
  endpoint: ListEndpoint,
  parse: (raw: unknown) => T | undefined,
  normalise: (item: T) => RestoreJob,
  signal: AbortSignal,
): Promise<RestoreSummary> {
  for await (const page of client.list(endpoint, parse, signal)) {
    return summariseRestoreJobs(page.items.map(normalise), page.totalCount);
  }
  return summariseRestoreJobs([]);
}

/** Flex lists its restore jobs newest first (recorded), so the first page is the newest. */
export const flexRestoreJobs: RestoreJobResource = {
  endpoint: 'flex_restore_jobs',
  role: 'Project Read Only',
  read: (info, client, signal) =>
    firstPage(
      client,
      restoreJobEndpoints.flex(info.groupId, info.name),
      parseFlexRestoreJob,
      fromFlexRestoreJob,
      signal,
    ),
};

/** The dedicated list's order is not documented: its first page is what Atlas gives first. */
export const dedicatedRestoreJobs: RestoreJobResource = {
  endpoint: 'restore_jobs',
  role: 'Project Backup Manager',
  read: (info, client, signal) =>
    firstPage(
      client,
      restoreJobEndpoints.dedicated(info.groupId, info.name),
      parseDedicatedRestoreJob,
      fromDedicatedRestoreJob,
      signal,
    ),
};
