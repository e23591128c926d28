import { describe, expect, it } from 'vitest';
import { parseAtlasCluster } from './schema.js';
import { fromAtlasCluster } from './transform.js';

const group = { id: 'a'.repeat(24), name: 'webshop-prod', orgId: 'b'.repeat(24) };

function region(providerName: string, instanceSize: string, regionName = 'EU_WEST_1') {
  return { providerName, regionName, priority: 7, electableSpecs: { instanceSize, nodeCount: 3 } };
}

/** The fields of a recorded 2024-08-05 ClusterDescription20240805 that matter here. */
function cluster(over: Record<string, unknown> = {}) {
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

describe('clusters of the Cluster API', () => {
  it('takes tier, provider and region from the first region of the first shard', () => {
    const info = fromAtlasCluster(group, parseAtlasCluster(cluster()) ?? ({} as never));
    expect(info).toMatchObject({
      kind: 'dedicated',
      tier: 'M30',
      provider: 'AWS',
      region: 'EU_WEST_1',
      topology: 'replicaset',
      backupEnabled: true,
      pitEnabled: true,
      paused: false,
      state: 'IDLE',
      mongodbVersion: '8.0.29',
      createdAt: Date.parse('2026-08-10T03:02:50Z') / 1000,
      expectedIntervalSeconds: undefined,
    });
  });

  it('knows sharded and multi-cloud clusters as dedicated, free and Flex ones as not', () => {
    const shards = [
      { regionConfigs: [region('AWS', 'M40'), region('AZURE', 'M40', 'EUROPE_WEST')] },
      { regionConfigs: [region('AWS', 'M40')] },
    ];
    const sharded = parseAtlasCluster(cluster({ clusterType: 'GEOSHARDED', replicationSpecs: shards }));
    expect(sharded).toMatchObject({ dedicated: true, clusterType: 'GEOSHARDED', instanceSize: 'M40' });
    const m0 = { providerName: 'TENANT', backingProviderName: 'AWS', electableSpecs: { instanceSize: 'M0' } };
    const free = parseAtlasCluster(
      cluster({ backupEnabled: false, replicationSpecs: [{ regionConfigs: [m0] }] }),
    );
    expect(free?.dedicated).toBe(false);
    const flex = { ...m0, providerName: 'FLEX' };
    expect(parseAtlasCluster(cluster({ replicationSpecs: [{ regionConfigs: [flex] }] }))?.dedicated).toBe(
      false,
    );
  });

  it('reads missing flags as false and skips an item without a name', () => {
    const bare = parseAtlasCluster({ name: 'x', replicationSpecs: 'nope' });
    expect(bare).toEqual({
      name: 'x',
      groupId: '',
      dedicated: false,
      backupEnabled: false,
      pitEnabled: false,
      paused: false,
      tags: [],
    });
    expect(parseAtlasCluster({ backupEnabled: true })).toBeUndefined();
    // Atlas leaves out what is off: no protection, Atlas's own keys only.
    expect(fromAtlasCluster(group, bare ?? ({} as never))).toMatchObject({
      retainBackups: false,
      terminationProtection: false,
      encryptionAtRest: 'none',
      tags: [],
    });
  });

  it('reads the protection posture and tags a recorded cluster carries', () => {
    const body = cluster({
      retainBackups: true,
      terminationProtectionEnabled: true,
      encryptionAtRestProvider: 'AWS',
      tags: [
        { key: 'environment', value: 'production' },
        { key: 'cost-center', value: 'R&D 42' },
        { key: 'broken' },
      ],
    });
    expect(fromAtlasCluster(group, parseAtlasCluster(body) ?? ({} as never))).toMatchObject({
      retainBackups: true,
      terminationProtection: true,
      encryptionAtRest: 'aws',
      tags: [
        { key: 'environment', value: 'production' },
        { key: 'cost-center', value: 'R&D 42' },
      ],
    });
    const none = cluster({ encryptionAtRestProvider: 'NONE', retainBackups: 'yes' });
    expect(fromAtlasCluster(group, parseAtlasCluster(none) ?? ({} as never))).toMatchObject({
      retainBackups: false,
      encryptionAtRest: 'none',
    });
  });
});
