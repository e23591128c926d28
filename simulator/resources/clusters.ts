import { apiError, iso, isResponse, okPage, type SimResponse, V2 } from '../http/wire.js';
import type { SimDedicatedCluster, SimProject } from '../world/model.js';
import { GROUP_PATH, PROJECT_BACKUP_MANAGER, type SimRoute, simResource, V20240805 } from './resource.js';

export function clusterPath(c: SimDedicatedCluster): string {
  return `${V2}/groups/${c.groupId}/clusters/${c.name}`;
}

/** The cluster the Cluster API names, or the error Atlas gives (recorded for Flex names). */
export function findDedicated(p: SimProject, name: string): SimDedicatedCluster | SimResponse {
  const c = p.dedicated.find((x) => x.name === name);
  if (c) return c;
  if (p.flex.some((f) => f.name === name)) {
    return apiError(
      400,
      'CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API',
      `Flex cluster ${name} cannot be used in the Cluster API.`,
      [name],
    );
  }
  return apiError(404, 'CLUSTER_NOT_FOUND', `No cluster named ${name} exists in group ${p.id}.`, [
    name,
    p.id,
  ]);
}

/**
 * A paged list Atlas keeps under a dedicated cluster's Cluster API path (`…/clusters/{name}/PATH`)
 * that needs Project Backup Manager: restore jobs, collection-level restore jobs, export jobs.
 */
export function backupManagerList<E extends string>(
  endpoint: E,
  path: string,
  version: string,
  items: (c: SimDedicatedCluster, base: string) => unknown[],
): SimRoute<E> {
  return {
    endpoint,
    method: 'GET',
    pattern: new RegExp(`^${GROUP_PATH}/clusters/([^/]+)/${path}$`),
    version,
    paged: true,
    scope: 'project',
    role: PROJECT_BACKUP_MANAGER,
    handle: ({ project, params, base, query, self, version }) => {
      const c = findDedicated(project, params[0] ?? '');
      return isResponse(c) ? c : okPage(items(c, base), query, self, version);
    },
  };
}

/** A region config: dedicated ones name their provider, free ones say TENANT and the backing provider. */
function regionConfig(c: SimDedicatedCluster) {
  if (c.tenant) {
    return {
      backingProviderName: c.provider,
      electableSpecs: { effectiveInstanceSize: 'M0', instanceSize: 'M0' },
      priority: 7,
      providerName: 'TENANT',
      regionName: c.region,
    };
  }
  return {
    electableSpecs: { diskSizeGB: 40, instanceSize: c.instanceSize, nodeCount: 3 },
    priority: 7,
    providerName: c.provider,
    readOnlySpecs: { diskSizeGB: 40, instanceSize: c.instanceSize, nodeCount: 0 },
    regionName: c.region,
  };
}

/** ClusterDescription20240805: one replication spec per shard, as recorded. */
export function renderDedicatedCluster(c: SimDedicatedCluster, base: string) {
  const sharded = c.clusterType !== 'REPLICASET';
  const replicationSpecs = Array.from({ length: c.shards }, (_, k) => ({
    id: `${c.id.slice(0, 20)}${(k + 0x1000).toString(16)}`,
    regionConfigs: [regionConfig(c)],
    zoneId: `${c.id.slice(0, 20)}${(k + 0x2000).toString(16)}`,
    zoneName: `Zone ${k + 1}`,
  }));
  return {
    adaptiveCapacity: null,
    backupEnabled: c.backupEnabled,
    encryptionAtRestProvider: c.encryptionAtRestProvider ?? 'NONE',
    clusterType: c.clusterType,
    ...(sharded ? { configServerManagementMode: 'ATLAS_MANAGED', configServerType: 'EMBEDDED' } : {}),
    connectionStrings: { standardSrv: `mongodb+srv://${c.name}.${c.hostSuffix}.mongodb.net` },
    createDate: iso(c.createMs),
    groupId: c.groupId,
    id: c.id,
    internalClusterRole: 'NONE',
    links: [{ href: `${base}${clusterPath(c)}`, rel: 'self' }],
    mongoDBMajorVersion: c.mongoDBVersion.split('.').slice(0, 2).join('.'),
    mongoDBVersion: c.mongoDBVersion,
    name: c.name,
    paused: c.paused,
    pitEnabled: c.pitEnabled,
    replicationSpecs,
    retainBackups: c.retainBackups ?? false,
    stateName: c.stateName,
    tags: c.tags ?? [],
    terminationProtectionEnabled: c.terminationProtection ?? false,
    versionReleaseSystem: 'LTS',
  };
}

/** The Cluster API's list: dedicated clusters and free (tenant) ones. */
export const clusters = simResource({
  name: 'clusters',
  routes: [
    {
      endpoint: 'clusters',
      method: 'GET',
      pattern: new RegExp(`^${GROUP_PATH}/clusters$`),
      version: V20240805,
      paged: true,
      scope: 'project',
      handle: ({ project, base, query, self, version }) =>
        okPage(
          project.dedicated.map((c) => renderDedicatedCluster(c, base)),
          query,
          self,
          version,
        ),
    },
  ],
});
