import { describe, expect, it } from 'vitest';
import { parseAtlasCluster } from './schema.js';
import { cluster, group, region } from './test-cluster.js';
import { fromAtlasCluster } from './transform.js';

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
