import { describe, expect, it } from 'vitest';
import { DEFAULT_COLLECTORS } from '../collectors/test-readings.js';
import type { ClusterKind } from '../config/kinds.js';
import { fromAtlasCluster } from '../kinds/dedicated/transform.js';
import { KINDS } from '../kinds/index.js';
import { changeEvents } from './change-events.js';
import { listingRecheckAt, planProjectNews, projectNews } from './project-news.js';
import type { ClusterRecord, Listing, ProjectRecord } from './state.js';

/** What the events tell of each kind's lists with the default collectors. */
const CLUSTER_RESOURCES = changeEvents(KINDS, DEFAULT_COLLECTORS);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const nowMs = 1_800_000_000_000;
const group = { id: 'a'.repeat(24), name: 'p', orgId: 'b'.repeat(24) };
const kinds: ClusterKind[] = ['flex', 'dedicated'];
const listing = (readMs: number): Listing => ({ infos: [], readMs, recheckAtMs: readMs + HOUR });

function project(listings: Array<[ClusterKind, Listing]>, failed: ClusterKind[] = []): ProjectRecord {
  return {
    group,
    listed: new Map(kinds.map((k) => [k, !failed.includes(k)])),
    listings: new Map(listings),
    lastSeenMs: nowMs - 5 * MINUTE,
    error: undefined,
  };
}

const dedicatedWithBackup = fromAtlasCluster(group, {
  name: 'orders',
  groupId: group.id,
  backupEnabled: true,
  paused: false,
} as Parameters<typeof fromAtlasCluster>[1]);
const readAt = (lastReadMs: number): ClusterRecord => ({
  info: dedicatedWithBackup,
  collectSuccess: true,
  lastSuccessMs: lastReadMs,
  lastReadMs,
  firstSeenMs: 0,
  error: undefined,
  readings: new Map(),
});

const plan = (before: ProjectRecord | undefined, records = new Map(), recheck = HOUR) =>
  planProjectNews(before, records, CLUSTER_RESOURCES, kinds, nowMs, recheck);

describe('planProjectNews', () => {
  it('vouches for lists read within the recheck interval, with one events read since the oldest', () => {
    const p = plan(
      project([
        ['flex', listing(nowMs - 20 * MINUTE)],
        ['dedicated', listing(nowMs - 5 * MINUTE)],
      ]),
    );
    expect([...p.listings.keys()]).toEqual(['flex', 'dedicated']);
    expect(p.types).toContain('CLUSTER_CREATED');
    expect(p.types).not.toContain('CPS_SNAPSHOT_STARTED');
    expect(p.sinceMs).toBe(nowMs - 20 * MINUTE);
  });

  it('reads every list, and no events, where one list alone could be spared', () => {
    const stale = project([
      ['flex', listing(nowMs - HOUR)],
      ['dedicated', listing(nowMs - 5 * MINUTE)],
    ]);
    expect(plan(stale)).toMatchObject({ types: [], listings: new Map() });
    const failed = project(
      [
        ['flex', listing(nowMs)],
        ['dedicated', listing(nowMs)],
      ],
      ['flex'],
    );
    expect(plan(failed).types).toEqual([]);
    expect(plan(undefined).types).toEqual([]);
  });

  it('asks for backup events where dedicated snapshot lists are read only on change', () => {
    const records = new Map([['dedicated', [readAt(nowMs - 30 * MINUTE), readAt(nowMs - 10 * MINUTE)]]]);
    const p = plan(undefined, records);
    expect(p.types).toContain('CPS_ON_DEMAND_SNAPSHOT_REQUESTED');
    expect(p.sinceMs).toBe(nowMs - 30 * MINUTE);
    expect(p.snapshotReads.get('dedicated')).toBe(nowMs - 30 * MINUTE);
  });

  it('reads everything at --atlas.snapshot-recheck-interval=0s', () => {
    const before = project([
      ['flex', listing(nowMs)],
      ['dedicated', listing(nowMs)],
    ]);
    expect(plan(before, new Map([['dedicated', [readAt(nowMs)]]]), 0).types).toEqual([]);
  });
});

describe('projectNews', () => {
  const before = project([
    ['flex', listing(nowMs - 20 * MINUTE)],
    ['dedicated', listing(nowMs - 5 * MINUTE)],
  ]);
  const records = new Map([['dedicated', [readAt(nowMs - 5 * MINUTE)]]]);
  const p = plan(before, records);
  const event = (eventTypeName: string, createdMs: number) => [{ eventTypeName, createdMs }];

  it('keeps a list no cluster event followed, and drops one an event followed', () => {
    const news = projectNews(p, CLUSTER_RESOURCES, event('CLUSTER_CREATED', nowMs - 10 * MINUTE));
    expect(news.listing('flex')).toBeUndefined();
    expect(news.listing('dedicated')).toBe(before.listings?.get('dedicated'));
    expect(news.snapshotsChanged('dedicated')).toBe(false);
  });

  it('counts an event a little older than the read, for the two clocks', () => {
    const news = projectNews(p, CLUSTER_RESOURCES, event('CLUSTER_DELETED', nowMs - 5 * MINUTE - 30_000));
    expect(news.listing('dedicated')).toBeUndefined();
  });

  it('tells a backup event to the snapshot lists only', () => {
    const news = projectNews(p, CLUSTER_RESOURCES, event('CPS_SNAPSHOT_STARTED', nowMs - MINUTE));
    expect(news.snapshotsChanged('dedicated')).toBe(true);
    expect(news.listing('dedicated')).toBeDefined();
  });

  it('vouches for nothing when the events could not be read', () => {
    const news = projectNews(p, CLUSTER_RESOURCES, undefined);
    expect(news.listing('flex')).toBeUndefined();
    expect(news.snapshotsChanged('dedicated')).toBe(false);
  });
});

describe('listingRecheckAt', () => {
  it('spreads the first rechecks of lists read together over the interval, then keeps the interval', () => {
    const ids = Array.from({ length: 200 }, (_, i) => i.toString(16).padStart(24, '0'));
    const offsets = ids.map((id) => listingRecheckAt(id, nowMs, HOUR, true) - nowMs);
    expect(offsets.every((o) => o >= 0 && o < HOUR)).toBe(true);
    const quarters = new Set(offsets.map((o) => Math.floor((4 * o) / HOUR)));
    expect(quarters.size).toBe(4);
    expect(listingRecheckAt(ids[0] ?? '', nowMs, HOUR, false)).toBe(nowMs + HOUR);
  });
});
