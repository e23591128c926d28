import { describe, expect, it } from 'vitest';
import { withSchedule } from '../collectors/schedule/collector.js';
import { scheduleFacts } from '../collectors/schedule/schedule.js';
import { hiddenClasses } from '../test-hidden-class.js';
import { parseAtlasCluster } from './dedicated/schema.js';
import { cluster, group } from './dedicated/test-cluster.js';
import { fromAtlasCluster } from './dedicated/transform.js';
import { parseFlexCluster } from './flex/schema.js';
import { fromFlexCluster } from './flex/transform.js';
import { parseServerlessInstance } from './serverless/schema.js';
import { fromServerlessInstance } from './serverless/transform.js';

const MANY = 100;
const names = Array.from({ length: MANY }, (_, i) => `cluster-${i}`);

describe("clusters' infos, kept for every cluster from refresh to refresh", () => {
  // A few, not one each: a field V8 first saw hold a number and then undefined moves the objects
  // made before to a more general class only as they are next touched.
  it('share a few hidden classes whatever their kind, and keep them as a schedule completes them', () => {
    const listed = names.flatMap((name, i) => {
      const raw = { name, groupId: group.id, createDate: i % 2 ? '2026-01-02T03:04:05Z' : undefined };
      return [
        fromFlexCluster(
          group,
          parseFlexCluster({ ...raw, backupSettings: { enabled: true } }) ?? ({} as never),
        ),
        fromServerlessInstance(group, parseServerlessInstance(raw) ?? ({} as never)),
        fromAtlasCluster(group, parseAtlasCluster(cluster({ name })) ?? ({} as never)),
      ];
    });
    const schedule = scheduleFacts(undefined);
    const described = listed
      .filter((info) => info.kind === 'dedicated')
      .map((info) => withSchedule(info, schedule));
    expect(hiddenClasses([...listed, ...described])).toBeLessThanOrEqual(3);
  });
});
