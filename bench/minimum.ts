import type { SimWorld } from '../simulator/index.js';
import { COLLECTORS, ORG_COLLECTORS } from '../src/collectors/index.js';
import type { ClusterKind } from '../src/config/kinds.js';

/** Requests per endpoint that a cold refresh cannot do without, counted from the simulator's world. */
export type EndpointCounts = Record<string, number>;

const pages = (items: number, pageSize: number) => Math.max(1, Math.ceil(items / pageSize));

/** Which projects an exporter reads: all of them, or a shard's (`--shard.index`, `--shard.total`). */
export type Owns = (groupId: string) => boolean;
const everyProject: Owns = () => true;

/**
 * The minimum for all three kinds: one groups page per `pageSize` projects; per project one list
 * page per kind per `pageSize` clusters (an unreadable project: one refused request per kind); per
 * cluster with backup its snapshot pages; per dedicated cluster that expects snapshots (backup on,
 * not paused) one schedule read. Free (tenant) clusters and clusters without backup need nothing.
 * Retired serverless costs its one refused list request per project and no snapshot read.
 * Every project's events are read back once at start (`--atlas.events-lookback`): one page per
 * `pageSize` of its events (an unreadable project: one refused request). The bench's worlds hold
 * no event older than the lookback, so all of them count.
 * Each collector switched on (`collectors`, as in `--collector.<name>`: restore jobs) reads one
 * page per cluster with backup from each of its endpoints for that kind.
 * Each per-organisation collector switched on (billing) reads one answer per organisation of
 * the projects read (the pending invoice, line items embedded, is not paged).
 * A shard (`owns`) lists every project, then reads only its own.
 */
export function minimumRequests(
  world: SimWorld,
  serverlessRetired: boolean,
  pageSize = 500,
  collectors: readonly string[] = [],
  owns: Owns = everyProject,
): EndpointCounts {
  const out: EndpointCounts = {};
  const add = (endpoint: string, n: number) => {
    out[endpoint] = (out[endpoint] ?? 0) + n;
  };
  const switchedOn = COLLECTORS.filter((c) => c.flag && collectors.includes(c.flag.name));
  const onePageEach = (kind: ClusterKind, clusters: number) => {
    for (const endpoint of switchedOn.flatMap((c) => c.endpoints[kind] ?? [])) add(endpoint, clusters);
  };
  add('groups', pages(world.projects.length, pageSize));
  const owned = world.projects.filter((q) => owns(q.id));
  const orgs = new Set(owned.map((p) => p.orgId)).size;
  for (const c of ORG_COLLECTORS.filter((o) => o.flag && collectors.includes(o.flag.name)))
    add(c.endpoint, orgs);
  for (const p of owned) {
    add('flex_clusters', p.readable ? pages(p.flex.length, pageSize) : 1);
    add('serverless_instances', p.readable && !serverlessRetired ? pages(p.serverless.length, pageSize) : 1);
    add('clusters', p.readable ? pages(p.dedicated.length, pageSize) : 1);
    add('project_events', p.readable ? pages(p.events?.length ?? 0, pageSize) : 1);
    if (!p.readable) continue;
    for (const c of p.flex) add('flex_snapshots', pages(c.snapshots.length, pageSize));
    onePageEach('flex', p.flex.length);
    if (!serverlessRetired)
      for (const s of p.serverless) add('serverless_snapshots', pages(s.snapshots.length, pageSize));
    for (const c of p.dedicated) {
      if (c.tenant || !c.backupEnabled) continue;
      const list = c.clusterType === 'REPLICASET' ? 'cluster_snapshots' : 'sharded_cluster_snapshots';
      add(list, pages(c.snapshots.length, pageSize));
      if (!c.paused) add('backup_schedule', 1);
      onePageEach('dedicated', 1);
    }
  }
  return out;
}

/** What was sent against the minimum: the totals and each endpoint whose counts differ. */
export function againstMinimum(sent: EndpointCounts, minimum: EndpointCounts) {
  const endpoints = [...new Set([...Object.keys(sent), ...Object.keys(minimum)])].sort();
  const differences = Object.fromEntries(
    endpoints
      .filter((k) => (sent[k] ?? 0) !== (minimum[k] ?? 0))
      .map((k) => [k, { sent: sent[k] ?? 0, minimum: minimum[k] ?? 0 }]),
  );
  const total = (counts: EndpointCounts) => Object.values(counts).reduce((a, b) => a + b, 0);
  return {
    requests: total(sent),
    minimum: total(minimum),
    equal: Object.keys(differences).length === 0,
    differences,
  };
}

/** The shape of the world, for the report. */
export function worldShape(world: SimWorld, owns: Owns = everyProject) {
  const projects = world.projects.filter((p) => owns(p.id));
  const readable = projects.filter((p) => p.readable);
  return {
    projects: projects.length,
    readableProjects: readable.length,
    flex: readable.reduce((n, p) => n + p.flex.length, 0),
    serverless: readable.reduce((n, p) => n + p.serverless.length, 0),
    dedicated: readable.reduce((n, p) => n + p.dedicated.filter((c) => !c.tenant).length, 0),
  };
}
