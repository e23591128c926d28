import { apiError, iso, okPage, type SimResponse } from '../http/wire.js';
import type { SimFlexCluster, SimProject } from '../world/model.js';
import { GROUP_PATH, simResource, V2024 } from './resource.js';

/** List items carry no `links` in recorded responses. */
export function renderFlexCluster(c: SimFlexCluster) {
  const host = `${c.name}.${c.hostSuffix}.mongodb.net`;
  return {
    backupSettings: { enabled: true },
    clusterType: 'REPLICASET',
    connectionStrings: {
      standard: `mongodb://ac-${c.hostSuffix}-shard-00-00.${c.hostSuffix}.mongodb.net:27017/?ssl=true`,
      standardSrv: `mongodb+srv://${host}`,
    },
    createDate: iso(c.createMs),
    groupId: c.groupId,
    id: c.id,
    mongoDBVersion: c.mongoDBVersion,
    name: c.name,
    providerSettings: {
      backingProviderName: c.provider,
      diskSizeGB: 5.0,
      providerName: 'FLEX',
      regionName: c.region,
    },
    stateName: c.stateName,
    tags: c.tags ?? [],
    terminationProtectionEnabled: c.terminationProtection ?? false,
    versionReleaseSystem: 'LTS',
  };
}

/** The Flex cluster the Flex API names, or the error Atlas gives (recorded for other kinds' names). */
export function findFlex(p: SimProject, name: string): SimFlexCluster | SimResponse {
  const c = p.flex.find((x) => x.name === name);
  if (c) return c;
  if (p.serverless.some((s) => s.name === name) || p.dedicated.some((d) => d.name === name)) {
    return apiError(
      400,
      'CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API',
      `Cannot use non-flex cluster ${name} in the flex API.`,
      [name],
    );
  }
  return apiError(404, 'CLUSTER_NOT_FOUND', `No cluster named ${name} exists in group ${p.id}.`, [
    name,
    p.id,
  ]);
}

/** A project's Flex clusters. */
export const flexClusters = simResource({
  name: 'flex-clusters',
  routes: [
    {
      endpoint: 'flex_clusters',
      method: 'GET',
      pattern: new RegExp(`^${GROUP_PATH}/flexClusters$`),
      version: V2024,
      paged: true,
      scope: 'project',
      handle: ({ project, query, self, version }) =>
        okPage(project.flex.map(renderFlexCluster), query, self, version),
    },
  ],
});
