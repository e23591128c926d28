import type { EndpointName, ListEndpoint } from '../../atlas/endpoints.js';
import type { ClusterInfo } from '../../resources/cluster.js';
import type { ReadContext } from '../collector.js';
import { restoreJobEndpoints } from './endpoints.js';
import { parseDedicatedRestoreJob, parseFlexRestoreJob } from './schema.js';
import {
  fromDedicatedRestoreJob,
  fromFlexRestoreJob,
  type RestoreJob,
  type RestoreSummary,
  summariseRestoreJobs,
} from './transform.js';

/** The restore jobs of one kind of cluster. */
export interface RestoreJobList {
  readonly endpoint: EndpointName;
  /** the Atlas role the list needs, named in the one warning when Atlas refuses it */
  readonly role: string;
  read(info: ClusterInfo, ctx: ReadContext): Promise<RestoreSummary>;
}

/**
 * The first page only (500 jobs): a cluster used by a test suite had 2160 (restores.md), and
 * the newest jobs are what the series tell. Leaving the loop after one page ends the list.
 */
async function firstPage<T>(
  ctx: ReadContext,
  endpoint: ListEndpoint,
  parse: (raw: unknown) => T | undefined,
  normalise: (item: T) => RestoreJob,
): Promise<RestoreSummary> {
  for await (const page of ctx.client.list(endpoint, parse, ctx.signal)) {
    return summariseRestoreJobs(page.items.map(normalise), page.totalCount, ctx.nowMs);
  }
  return summariseRestoreJobs([]);
}

/** A restore-job list: where it is, the role it needs, how its items read. */
function restoreJobList<T>(
  at: (groupId: string, name: string) => ListEndpoint,
  role: string,
  parse: (raw: unknown) => T | undefined,
  normalise: (item: T) => RestoreJob,
): RestoreJobList {
  return {
    endpoint: at('', '').name,
    role,
    read: (info, ctx) => firstPage(ctx, at(info.groupId, info.name), parse, normalise),
  };
}

/** Flex lists its restore jobs newest first (recorded), so the first page is the newest. */
export const flexRestoreJobs = restoreJobList(
  restoreJobEndpoints.flex,
  'Project Read Only',
  parseFlexRestoreJob,
  fromFlexRestoreJob,
);

/** The dedicated list's order is not documented: its first page is what Atlas gives first. */
export const dedicatedRestoreJobs = restoreJobList(
  restoreJobEndpoints.dedicated,
  'Project Backup Manager',
  parseDedicatedRestoreJob,
  fromDedicatedRestoreJob,
);
