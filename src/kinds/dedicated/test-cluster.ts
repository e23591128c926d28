/** A recorded dedicated cluster for tests, and the project it lives in. */

export const group = { id: 'a'.repeat(24), name: 'webshop-prod', orgId: 'b'.repeat(24) };

export function region(providerName: string, instanceSize: string, regionName = 'EU_WEST_1') {
  return { providerName, regionName, priority: 7, electableSpecs: { instanceSize, nodeCount: 3 } };
}

/** The fields of a recorded 2024-08-05 ClusterDescription20240805 that matter here. */
export function cluster(over: Record<string, unknown> = {}) {
  return {
    name: 'orders-db',
    groupId: group.id,
    clusterType: 'REPLICASET',
    createDate: '2026-08-10T03:02:50Z',
    stateName: 'IDLE',
    mongoDBVersion: '8.0.29',
    backupEnabled: true,
    pitEnabled: true,
    paused: false,
    adaptiveCapacity: null,
    replicationSpecs: [{ id: 'c'.repeat(24), zoneName: 'Zone 1', regionConfigs: [region('AWS', 'M30')] }],
    ...over,
  };
}
