import type { SimProject, SimWorld } from '../simulator/index.js';
import { renderDedicatedCluster } from '../simulator/resources/clusters.js';
import { renderFlexCluster } from '../simulator/resources/flex-clusters.js';
import { renderServerlessInstance } from '../simulator/resources/serverless-instances.js';
import type { AnyCollector, AnyOrgCollector, AnyProjectCollector } from '../src/collectors/collector.js';
import { COLLECTORS, ORG_COLLECTORS, PROJECT_COLLECTORS } from '../src/collectors/index.js';
import { parseAtlasCluster } from '../src/kinds/dedicated/schema.js';
import { fromAtlasCluster } from '../src/kinds/dedicated/transform.js';
import { parseFlexCluster } from '../src/kinds/flex/schema.js';
import { fromFlexCluster } from '../src/kinds/flex/transform.js';
import { parseServerlessInstance } from '../src/kinds/serverless/schema.js';
import { fromServerlessInstance } from '../src/kinds/serverless/transform.js';
import type { ClusterInfo } from '../src/resources/cluster.js';

/** Requests per endpoint that a cold refresh cannot do without, counted from the simulator's world. */
export type EndpointCounts = Record<string, number>;

const pages = (items: number, pageSize: number) => Math.max(1, Math.ceil(items / pageSize));

/** Which projects an exporter reads: all of them, or a shard's (`--shard.index`, `--shard.total`). */
export type Owns = (groupId: string) => boolean;
const everyProject: Owns = () => true;

/** The collectors that are on with these `--collector.<name>` switches (always-on ones included). */
function switchedOn<C extends { readonly flag?: { readonly name: string } }>(
  registry: readonly C[],
  collectors: readonly string[],
): C[] {
  return registry.filter((c) => !c.flag || collectors.includes(c.flag.name));
}

/**
 * A project's clusters as the exporter lists them: the simulator's own list items through the
 * exporter's parsers, so a collector decides with its own `applies` on what the exporter sees.
 */
function listedClusters(p: SimProject, serverlessRetired: boolean): ClusterInfo[] {
  const group = { id: p.id, name: p.name, orgId: p.orgId };
  const parsed = <T>(raw: unknown, parse: (item: unknown) => T | undefined): T[] => {
    const item = parse(raw);
    return item === undefined ? [] : [item];
  };
  return [
    ...p.flex
      .flatMap((c) => parsed(renderFlexCluster(c), parseFlexCluster))
      .map((c) => fromFlexCluster(group, c)),
    ...(serverlessRetired ? [] : p.serverless)
      .flatMap((s) => parsed(renderServerlessInstance(s, ''), parseServerlessInstance))
      .map((s) => fromServerlessInstance(group, s)),
    ...p.dedicated
      .flatMap((c) => parsed(renderDedicatedCluster(c, ''), parseAtlasCluster))
      .filter((c) => c.dedicated)
      .map((c) => fromAtlasCluster(group, c)),
  ];
}

/**
 * The minimum for all three kinds: one groups page per `pageSize` projects; per project one list
 * page per kind per `pageSize` clusters (an unreadable project: one refused request per kind); per
 * cluster with backup its snapshot pages; per dedicated cluster that expects snapshots (backup on,
 * not paused) one schedule read. Free (tenant) clusters and clusters without backup need nothing.
 * Retired serverless costs its one refused list request per project and no snapshot read.
 * Every project's events are read back once at start (`--atlas.events-lookback`): one page per
 * `pageSize` of its events (an unreadable project: one refused request). The bench's worlds hold
 * no event older than the lookback, so all of them count.
 * Every other collector that is on (`collectors`: the `--collector.<name>` switches set) is
 * counted from its registry entry, see `collectorRequests`.
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
  add('groups', pages(world.projects.length, pageSize));
  for (const p of world.projects.filter((q) => owns(q.id))) {
    add('flex_clusters', p.readable ? pages(p.flex.length, pageSize) : 1);
    add('serverless_instances', p.readable && !serverlessRetired ? pages(p.serverless.length, pageSize) : 1);
    add('clusters', p.readable ? pages(p.dedicated.length, pageSize) : 1);
    add('project_events', p.readable ? pages(p.events?.length ?? 0, pageSize) : 1);
    if (!p.readable) continue;
    for (const c of p.flex) add('flex_snapshots', pages(c.snapshots.length, pageSize));
    if (!serverlessRetired)
      for (const s of p.serverless) add('serverless_snapshots', pages(s.snapshots.length, pageSize));
    for (const c of p.dedicated) {
      if (c.tenant || !c.backupEnabled) continue;
      const list = c.clusterType === 'REPLICASET' ? 'cluster_snapshots' : 'sharded_cluster_snapshots';
      add(list, pages(c.snapshots.length, pageSize));
      if (!c.paused) add('backup_schedule', 1);
    }
  }
  const counted = collectorRequests(world, serverlessRetired, collectors, owns);
  for (const [endpoint, n] of Object.entries(counted)) add(endpoint, n);
  return out;
}

/**
 * What the collectors that are on cost beyond the core lists, generically from the registries
 * (collectors/index.ts), so a new collector is counted without code here:
 * - per cluster (COLLECTORS, the core snapshots and schedule apart, counted above): one request
 *   per endpoint of its kind for each listed cluster of a readable project it `applies` to;
 * - per project (PROJECT_COLLECTORS): one request per endpoint for every project, a refusal in
 *   an unreadable one;
 * - per organisation (ORG_COLLECTORS): one request per organisation of the projects read (the
 *   pending invoice, line items embedded, is not paged).
 * One request per list: the first page, as the bench's worlds hold no collector list longer
 * than a page (500).
 */
export function collectorRequests(
  world: SimWorld,
  serverlessRetired: boolean,
  collectors: readonly string[],
  owns: Owns = everyProject,
): EndpointCounts {
  const out: EndpointCounts = {};
  const add = (endpoint: string) => {
    out[endpoint] = (out[endpoint] ?? 0) + 1;
  };
  const perCluster = switchedOn<AnyCollector>(COLLECTORS, collectors).filter((c) => !c.core);
  const perProject = switchedOn<AnyProjectCollector>(PROJECT_COLLECTORS, collectors);
  const owned = world.projects.filter((q) => owns(q.id));
  for (const _ of new Set(owned.map((q) => q.orgId)))
    for (const c of switchedOn<AnyOrgCollector>(ORG_COLLECTORS, collectors)) add(c.endpoint);
  for (const p of owned) {
    for (const c of perProject) add(c.endpoint);
    if (!p.readable) continue;
    for (const info of listedClusters(p, serverlessRetired))
      for (const c of perCluster.filter((d) => d.applies(info)))
        for (const endpoint of c.endpoints[info.kind] ?? []) add(endpoint);
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
