import type {
  SimFlexCluster,
  SimFlexSnapshot,
  SimProject,
  SimServerlessInstance,
  SimServerlessSnapshot,
} from '../world/model.js';

/** Atlas writes timestamps as `2026-08-10T17:05:10Z`: UTC, no milliseconds. */
export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const V2 = '/api/atlas/v2';

export function renderGroup(p: SimProject, base: string) {
  return {
    clusterCount: p.flex.length + p.serverless.filter((s) => !s.migratedToFlex).length + p.dedicated.length,
    created: iso(p.createdMs),
    id: p.id,
    links: [{ href: `${base}${V2}/groups/${p.id}`, rel: 'self' }],
    name: p.name,
    orgId: p.orgId,
    tags: [],
    withDefaultAlertsSettings: true,
  };
}

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
    tags: [],
    terminationProtectionEnabled: false,
    versionReleaseSystem: 'LTS',
  };
}

/** Unfinished snapshots have no finish time (nor a start time before RUNNING) and no expiration. */
export function renderFlexSnapshot(s: SimFlexSnapshot) {
  return {
    ...(s.expirationMs === undefined ? {} : { expiration: iso(s.expirationMs) }),
    ...(s.finishMs === undefined ? {} : { finishTime: iso(s.finishMs) }),
    id: s.id,
    mongoDBVersion: s.mongoDBVersion,
    scheduledTime: iso(s.scheduledMs),
    ...(s.startMs === undefined ? {} : { startTime: iso(s.startMs) }),
    status: s.status,
  };
}

export function renderServerlessInstance(s: SimServerlessInstance, base: string) {
  return {
    connectionStrings: { standardSrv: `mongodb+srv://${s.name}.${s.hostSuffix}.mongodb.net` },
    createDate: iso(s.createMs),
    groupId: s.groupId,
    id: s.id,
    links: [{ href: `${base}${V2}/groups/${s.groupId}/serverless/${s.name}`, rel: 'self' }],
    mongoDBVersion: s.mongoDBVersion,
    name: s.name,
    providerSettings: {
      backingProviderName: s.provider,
      effectiveProviderName: s.migratedToFlex ? 'FLEX' : 'SERVERLESS',
      providerName: 'SERVERLESS',
      regionName: s.region,
    },
    serverlessBackupOptions: { serverlessContinuousBackupEnabled: s.continuousBackup },
    stateName: s.stateName,
    tags: [],
    terminationProtectionEnabled: false,
  };
}

export function renderServerlessSnapshot(
  inst: SimServerlessInstance,
  s: SimServerlessSnapshot,
  base: string,
) {
  return {
    createdAt: iso(s.createdMs),
    expiresAt: iso(s.expiresMs),
    frequencyType: s.frequencyType,
    id: s.id,
    links: [
      {
        href: `${base}${V2}/groups/${inst.groupId}/serverless/${inst.name}/backup/snapshots/${s.id}`,
        rel: 'self',
      },
    ],
    mongodVersion: s.mongodVersion,
    serverlessInstanceName: inst.name,
    snapshotType: s.snapshotType,
    status: s.status,
    storageSizeBytes: s.storageSizeBytes,
  };
}
