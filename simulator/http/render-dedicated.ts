import type { SimDedicatedCluster, SimDedicatedSnapshot } from '../world/model.js';
import { iso } from './render.js';

const V2 = '/api/atlas/v2';

function clusterPath(c: SimDedicatedCluster): string {
  return `${V2}/groups/${c.groupId}/clusters/${c.name}`;
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
    retainBackups: false,
    stateName: c.stateName,
    tags: [],
    terminationProtectionEnabled: false,
    versionReleaseSystem: 'LTS',
  };
}

/** The fields both snapshot lists share; in-flight snapshots lack createdAt (recorded). */
function snapshotCommon(c: SimDedicatedCluster, s: SimDedicatedSnapshot, base: string) {
  return {
    ...(s.createdMs === undefined ? {} : { createdAt: iso(s.createdMs) }),
    ...(s.snapshotType === 'onDemand' ? { description: 'before the schema migration' } : {}),
    expiresAt: iso(s.expiresMs),
    frequencyType: s.frequencyType,
    id: s.id,
    links: [
      { href: `${base}${clusterPath(c)}/backup/snapshots/${s.id}`, rel: 'self' },
      { href: `${base}${clusterPath(c)}`, rel: 'https://cloud.mongodb.com/cluster' },
    ],
    mongodVersion: s.mongodVersion,
    policyItems: s.policyItemIds,
    snapshotType: s.snapshotType,
    status: s.status,
    storageSizeBytes: s.storageSizeBytes,
  };
}

/** DiskBackupReplicaSet; for a sharded cluster the whole-cluster snapshot, `type: shardedCluster`. */
export function renderReplicaSetSnapshot(c: SimDedicatedCluster, s: SimDedicatedSnapshot, base: string) {
  const sharded = c.clusterType !== 'REPLICASET';
  return {
    ...snapshotCommon(c, s, base),
    // cloudProvider appears late in a snapshot's life (recorded).
    ...(s.status === 'completed' ? { cloudProvider: c.provider } : {}),
    copyRegions: [],
    ...(sharded ? {} : { replicaSetName: c.name }),
    type: sharded ? 'shardedCluster' : 'replicaSet',
  };
}

/** DiskBackupShardedClusterSnapshot: one item per cluster snapshot, its shards as members. */
export function renderShardedSnapshot(c: SimDedicatedCluster, s: SimDedicatedSnapshot, base: string) {
  const members = s.memberIds.map((id, k) => ({
    cloudProvider: c.provider,
    id,
    replicaSetName: k < c.shards ? `${c.name}-shard-${k}` : `${c.name}-config-0`,
  }));
  return {
    ...snapshotCommon(c, s, base),
    configServerType: 'EMBEDDED',
    members,
    snapshotIds: s.memberIds,
    type: 'shardedCluster',
  };
}

/** DiskBackupSnapshotSchedule20240805; `nextSnapshot` is absent when the policy has no items. */
export function renderSchedule(c: SimDedicatedCluster, base: string) {
  return {
    autoCopySettingsEnabled: false,
    autoExportEnabled: false,
    clusterId: c.id,
    clusterName: c.name,
    copyPolicyItemsEnabled: false,
    copySettings: [],
    links: [{ href: `${base}${clusterPath(c)}/backup/schedule`, rel: 'self' }],
    ...(c.nextSnapshotMs === undefined || c.policyItems.length === 0
      ? {}
      : { nextSnapshot: iso(c.nextSnapshotMs) }),
    policies: [{ id: c.policyId, policyItems: c.policyItems }],
    referenceHourOfDay: c.referenceHourOfDay,
    referenceMinuteOfHour: c.referenceMinuteOfHour,
    restoreWindowDays: c.pitEnabled ? 7 : 2,
    useOrgAndGroupNamesInExportPrefix: false,
  };
}
