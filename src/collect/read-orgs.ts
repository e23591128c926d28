import type { Reading } from '../collectors/collector.js';
import type { Group } from '../resources/projects/schema.js';
import type { Pass } from './pass.js';
import { readOrgCollector } from './refusals.js';
import type { CollectorState } from './state.js';

/**
 * The organisations of the projects in scope: each project's own, or --atlas.org-id for a project
 * named by id that the listing does not show (it has no organisation of its own). A shard reads
 * the organisations of its projects only.
 */
export function orgsInScope(groups: readonly Group[], orgId: string | undefined): string[] {
  const orgs = groups
    .map((g) => g.orgId || orgId)
    .filter((id): id is string => id !== undefined && id !== '');
  return [...new Set(orgs)];
}

/** Each organisation's readings of the enabled per-organisation collectors, one after the other. */
export async function readOrgs(pass: Pass, groups: readonly Group[]): Promise<CollectorState['orgs']> {
  const { ctx } = pass;
  const collectors = ctx.orgCollectors ?? [];
  if (collectors.length === 0) return undefined;
  const plan = { nowMs: ctx.now(), recheckIntervalMs: ctx.settings.snapshotRecheckIntervalMs };
  const orgs = orgsInScope(groups, ctx.settings.orgId);
  const read = async (orgId: string): Promise<[string, Map<string, Reading<unknown>>]> => {
    const before = pass.prev.orgs?.get(orgId);
    const readings = new Map<string, Reading<unknown>>();
    for (const c of collectors)
      readings.set(c.name, await readOrgCollector(pass.reads, c, orgId, before?.get(c.name), plan));
    return [orgId, readings];
  };
  return new Map(await Promise.all(orgs.map(read)));
}
