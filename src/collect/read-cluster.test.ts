import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { AtlasClient } from '../atlas/api.js';
import { type AnyCollector, defineCollector } from '../collectors/collector.js';
import { KINDS } from '../kinds/index.js';
import { type ClusterInfo, clusterKey } from '../resources/cluster.js';
import { hiddenClasses } from '../test-hidden-class.js';
import { changeEvents } from './change-events.js';
import { createGate } from './gate.js';
import type { Pass, RefreshSettings } from './pass.js';
import { createProblemLog } from './problems.js';
import { readCluster } from './read-cluster.js';
import { startCollectorReads } from './refusals.js';
import { createRetiredKinds } from './retired.js';
import { type ClusterRecord, EMPTY_STATE } from './state.js';

const NOW_MS = 1_800_000_000_000;

const LISTED: ClusterInfo = {
  groupId: 'a'.repeat(24),
  groupName: 'shop',
  name: 'orders',
  kind: 'flex',
  state: 'IDLE',
  provider: 'aws',
  region: 'EU_WEST_1',
  mongodbVersion: '8.0.4',
  tier: 'FLEX',
  topology: 'replicaset',
  backupEnabled: true,
  pitEnabled: false,
  paused: false,
  createdAt: 1_700_000_000,
  expectedIntervalSeconds: 86_400,
  nextScheduledSnapshot: undefined,
  retainBackups: false,
  terminationProtection: false,
  encryptionAtRest: 'none',
  tags: [{ key: 'team', value: 'shop' }],
};

interface Facts {
  readonly count: number;
  readonly times: readonly number[];
  readonly interval?: number;
}

/**
 * What the fake Atlas answers: each read builds new objects from it, as parsing a response does.
 * `interval`, when set, completes the cluster's info as the schedule does.
 */
let answer: Facts = { count: 2, times: [1, 2] };

const fakeCollector = (name: string, core: boolean): AnyCollector =>
  defineCollector<Facts>({
    name,
    core,
    noun: `${name} list`,
    failure: `cannot read ${name}`,
    endpoints: { flex: [`${name}_endpoint`] },
    applies: () => true,
    mustRead: () => true,
    read: async () => ({ ...answer, times: [...answer.times] }),
    ...(core
      ? {
          describe: (info: ClusterInfo, f: Facts | undefined) => ({
            ...info,
            expectedIntervalSeconds: f?.interval,
          }),
        }
      : {}),
    families: [],
  });

const COLLECTORS = [fakeCollector('core-list', true), fakeCollector('other-list', false)];

/** One refresh's pass over a state holding `before` alone. */
function pass(before: ClusterRecord | undefined): Pass {
  const settings = {
    clusterKinds: ['flex'],
    snapshotRecheckIntervalMs: 0,
    collector: {},
    maxConcurrency: 1,
  } as unknown as RefreshSettings;
  const ctx = {
    client: {} as AtlasClient,
    kinds: KINDS,
    collectors: COLLECTORS,
    settings,
    logger: pino({ level: 'silent' }),
    problems: createProblemLog(pino({ level: 'silent' })),
    now: () => NOW_MS,
    signal: new AbortController().signal,
  };
  const clusters = new Map(
    before ? [[clusterKey(before.info.groupId, before.info.kind, before.info.name), before]] : [],
  );
  return {
    ctx,
    prev: { ...EMPTY_STATE, clusters },
    previousByScope: new Map(),
    events: changeEvents(KINDS, COLLECTORS),
    retired: createRetiredKinds(new Map(), new Set(), 0, ctx.now),
    reads: startCollectorReads({ ...ctx, options: {}, recheckIntervalMs: 0, refusals: new Map() }),
    inTurn: createGate(1),
    clusters: new Map(),
  };
}

/** The cluster's record after a refresh that reads every list again from a freshly listed info. */
async function reread(before: ClusterRecord | undefined, name = LISTED.name): Promise<ClusterRecord> {
  const p = pass(before);
  await readCluster(p, { ...LISTED, name, tags: LISTED.tags.map((t) => ({ ...t })) }, false, undefined);
  const record = [...p.clusters.values()][0];
  if (!record) throw new Error('no record');
  return record;
}

const facts = (r: ClusterRecord, name: string) => r.readings.get(name)?.facts;

describe('a cluster read again', () => {
  it('keeps the last facts and info objects when what Atlas answers is unchanged', async () => {
    answer = { count: 2, times: [1, 2], interval: 3600 };
    const first = await reread(undefined);
    const second = await reread(first);
    for (const c of COLLECTORS) {
      expect(facts(second, c.name)).toBe(facts(first, c.name));
      expect(second.readings.get(c.name)).not.toBe(first.readings.get(c.name));
    }
    expect(second.info).toBe(first.info);
  });

  it('takes the new facts of a list whose answer changed in any field, deep ones too', async () => {
    answer = { count: 2, times: [1, 2] };
    const first = await reread(undefined);
    answer = { count: 2, times: [1, 3] };
    const second = await reread(first);
    for (const c of COLLECTORS) {
      expect(facts(second, c.name)).not.toBe(facts(first, c.name));
      expect(facts(second, c.name)).toEqual(answer);
    }
  });

  it('takes a new info when any field of it differs, and keeps it once it no longer changes', async () => {
    answer = { count: 2, times: [1, 2], interval: 3600 };
    const first = await reread(undefined);
    answer = { ...answer, interval: 7200 };
    const second = await reread(first);
    expect(second.info).not.toBe(first.info);
    expect(second.info.expectedIntervalSeconds).toBe(7200);
    const third = await reread(second);
    expect(third.info).toBe(second.info);
  });

  it("gives every cluster's record the same few hidden classes, not one each", async () => {
    answer = { count: 2, times: [1, 2] };
    const first = await Promise.all(Array.from({ length: 100 }, (_, i) => reread(undefined, `c${i}`)));
    const second = await Promise.all(first.map((r) => reread(r, r.info.name)));
    expect(second.map((r) => r.firstSeenMs)).toEqual(first.map((r) => r.firstSeenMs));
    expect(hiddenClasses([...first, ...second])).toBeLessThanOrEqual(3);
  });
});
