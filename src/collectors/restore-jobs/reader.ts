import type { EndpointName, ListEndpoint } from '../../atlas/endpoints.js';
import type { Page } from '../../atlas/page.js';
import type { ClusterInfo } from '../../resources/cluster.js';
import type { ReadContext } from '../collector.js';
import { restoreJobEndpoints } from './endpoints.js';
import { parseCollectionRestoreJob, parseDedicatedRestoreJob, parseFlexRestoreJob } from './schema.js';
import {
  fromDedicatedRestoreJob,
  fromFlexRestoreJob,
  type RestoreSummary,
  summariseCollectionRestoreJobs,
  summariseRestoreJobs,
} from './transform.js';

/** The restore jobs of one kind of cluster. */
export interface RestoreJobList {
  /** every list read for a cluster of this kind, the first one first */
  readonly endpoints: readonly EndpointName[];
  /** the Atlas role the lists need, named in the one warning when Atlas refuses them */
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
): Promise<Page<T>> {
  for await (const page of ctx.client.list(endpoint, parse, ctx.signal)) return page;
  return { items: [], skipped: 0 };
}

/** An endpoint's name, for the counters and the refusal warning, before any cluster is known. */
const nameOf = (at: (groupId: string, name: string) => ListEndpoint) => at('', '').name;

/** Flex lists its restore jobs newest first (recorded), so the first page is the newest. */
export const flexRestoreJobs: RestoreJobList = {
  endpoints: [nameOf(restoreJobEndpoints.flex)],
  role: 'Project Read Only',
  async read(info, ctx) {
    const at = restoreJobEndpoints.flex(info.groupId, info.name);
    const page = await firstPage(ctx, at, parseFlexRestoreJob);
    return summariseRestoreJobs(page.items.map(fromFlexRestoreJob), page.totalCount, ctx.nowMs);
  },
};

/**
 * A dedicated cluster's cluster-level and collection-level restore jobs: one role, one re-read
 * rule, one success. One after the other, so that credentials without the role are refused once,
 * by the first list. Neither list's order is documented: each first page is what Atlas gives first.
 */
export const dedicatedRestoreJobs: RestoreJobList = {
  endpoints: [nameOf(restoreJobEndpoints.dedicated), nameOf(restoreJobEndpoints.collections)],
  role: 'Project Backup Manager',
  async read(info, ctx) {
    const clusterLevel = restoreJobEndpoints.dedicated(info.groupId, info.name);
    const jobs = await firstPage(ctx, clusterLevel, parseDedicatedRestoreJob);
    const collectionLevel = restoreJobEndpoints.collections(info.groupId, info.name);
    const collections = await firstPage(ctx, collectionLevel, parseCollectionRestoreJob);
    return {
      ...summariseRestoreJobs(jobs.items.map(fromDedicatedRestoreJob), jobs.totalCount, ctx.nowMs),
      collections: summariseCollectionRestoreJobs(collections.items),
    };
  },
};
