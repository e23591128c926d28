import { dedicatedSnapshot, keepHistory, scheduledSnapshots } from '../resources/cluster-snapshots.js';
import { DAY_MS, flexCluster, HOUR_MS, seconds } from './generate.js';
import { type DedicatedShape, dedicatedCluster, type PolicySpec } from './generate-dedicated.js';
import type { ScenarioRoles, SimProject } from './model.js';
import { int, type Rng } from './prng.js';
import { ref } from './refs.js';

type DedicatedRoles = Pick<
  ScenarioRoles,
  | 'neverBackedUpFlex'
  | 'healthyDedicated'
  | 'shardedDedicated'
  | 'pausedDedicated'
  | 'backupDisabledDedicated'
  | 'pitDedicated'
  | 'overdueDedicated'
  | 'failedDedicated'
  | 'freeCluster'
  | 'lostHistory'
  | 'protectedDedicated'
>;

const DAILY_POLICY: readonly PolicySpec[] = [
  ['daily', 1, 'days', 7],
  ['weekly', 7, 'weeks', 4],
  ['monthly', 1, 'months', 6],
];
const EVERY_4H_POLICY: readonly PolicySpec[] = [
  ['hourly', 4, 'days', 7],
  ['daily', 1, 'days', 7],
];

/**
 * The Cluster API part of the default scenario: one dedicated cluster of every shape, a free M0
 * to skip, and a Flex cluster that was never backed up. Built after everything else, from the
 * same stream, so the Flex and serverless data stay as they were.
 */
export function addDedicatedClusters(
  rng: Rng,
  projects: { shop: SimProject; lab: SimProject; staging: SimProject },
  nowMs: number,
): DedicatedRoles {
  const { shop, lab, staging } = projects;
  const old = () => nowMs - int(rng, 60, 900) * DAY_MS - int(rng, 0, 86_399) * 1000;
  const add = (p: SimProject, name: string, shape: DedicatedShape = {}, createMs = old()) => {
    const c = dedicatedCluster(rng, { groupId: p.id, name, createMs }, shape);
    p.dedicated.push(c);
    return c;
  };

  // Healthy: the default policy (every 6 h), the newest snapshot 1–5 h ago, plus an on-demand one
  // (kept a day, as recorded).
  const orders = add(shop, 'orders-db');
  scheduledSnapshots(rng, orders, nowMs - int(rng, 3600, 5 * 3600) * 1000, 12, 6 * HOUR_MS);
  orders.snapshots.push(dedicatedSnapshot(rng, orders, nowMs - 20 * HOUR_MS, []));
  orders.snapshots.sort((a, b) => (b.createdMs ?? nowMs) - (a.createdMs ?? nowMs));
  // Sharded: 2 shards on a daily policy; one snapshot of the whole cluster counts once.
  const search = add(shop, 'search-db', {
    clusterType: 'SHARDED',
    shards: 2,
    instanceSize: 'M40',
    policy: DAILY_POLICY,
  });
  scheduledSnapshots(rng, search, nowMs - int(rng, 3600, 20 * 3600) * 1000, 7, DAY_MS);
  // Overdue: every 4 h, but nothing since about 30 h; Atlas still names the missed slot as next.
  const billing = add(shop, 'billing-db', { instanceSize: 'M20', policy: EVERY_4H_POLICY });
  scheduledSnapshots(rng, billing, nowMs - 30 * HOUR_MS - int(rng, 0, 3600) * 1000, 12, 4 * HOUR_MS);
  // Failed: the newest scheduled snapshot failed, the ones before it are fine.
  const checkout = add(shop, 'checkout-db', { instanceSize: 'M50' });
  scheduledSnapshots(rng, checkout, nowMs - int(rng, 3600, 5 * 3600) * 1000, 8, 6 * HOUR_MS);
  const lastCheckout = checkout.snapshots[0];
  if (lastCheckout) Object.assign(lastCheckout, { status: 'failed', storageSizeBytes: 0 });

  // Continuous backup, a snapshot in progress right now (no createdAt, size 0 until it completes).
  const pit = add(lab, 'analytics-pit', {
    instanceSize: 'M20',
    pitEnabled: true,
    clusterType: 'GEOSHARDED',
    shards: 2,
  });
  const startedMs = seconds(nowMs - 60_000);
  scheduledSnapshots(rng, pit, startedMs - 6 * HOUR_MS, 8, 6 * HOUR_MS);
  pit.snapshots.unshift(dedicatedSnapshot(rng, pit, startedMs, pit.policyItems.slice(0, 1), 'inProgress'));
  pit.nextSnapshotMs = startedMs + 6 * HOUR_MS;

  // Paused for 10 days: old snapshots stay until they expire, no new ones.
  const paused = add(staging, 'staging-db', { instanceSize: 'M10', paused: true });
  paused.stateName = 'IDLE';
  scheduledSnapshots(rng, paused, nowMs - 10 * DAY_MS, 4, 6 * HOUR_MS);
  for (const s of paused.snapshots) s.expiresMs = nowMs + 5 * DAY_MS;
  const scratch = add(staging, 'scratch-db', { instanceSize: 'M10', backupEnabled: false });
  const sandbox = add(staging, 'sandbox', { tenant: true });

  // Never backed up: a Flex cluster 3 days old without a single snapshot.
  const preview = flexCluster(rng, {
    groupId: staging.id,
    name: 'preview-staging',
    createMs: nowMs - 3 * DAY_MS,
  });
  staging.flex.push(preview);

  // The history each policy keeps, but for the cluster that lost it: on the default policy (a
  // yearly snapshot kept a year), 500 days old, nothing older than its 12 newest 6-hourly ones.
  for (const c of [orders, search, billing, checkout, pit, paused])
    keepHistory(rng, c, nowMs, int(rng, 1, 5) * DAY_MS);
  const ledger = add(shop, 'ledger-db', {}, nowMs - 500 * DAY_MS);
  scheduledSnapshots(rng, ledger, nowMs - int(rng, 3600, 5 * 3600) * 1000, 12, 6 * HOUR_MS);

  // Protected: Atlas keeps its snapshots after deletion, it cannot be terminated, its disks are
  // encrypted with its provider's keys; tagged for routing.
  Object.assign(orders, {
    retainBackups: true,
    terminationProtection: true,
    encryptionAtRestProvider: orders.provider,
    tags: [
      { key: 'environment', value: 'production' },
      { key: 'team', value: 'checkout' },
    ],
  });
  search.terminationProtection = true;
  search.tags = [{ key: 'environment', value: 'production' }];
  pit.restoreWindowDays = 3;
  pit.tags = [
    { key: 'team', value: 'data' },
    { key: 'cost-center', value: 'R&D 42' },
  ];

  return {
    neverBackedUpFlex: ref(staging, preview),
    healthyDedicated: ref(shop, orders),
    shardedDedicated: ref(shop, search),
    pausedDedicated: ref(staging, paused),
    backupDisabledDedicated: ref(staging, scratch),
    pitDedicated: ref(lab, pit),
    overdueDedicated: ref(shop, billing),
    failedDedicated: ref(shop, checkout),
    freeCluster: ref(staging, sandbox),
    lostHistory: ref(shop, ledger),
    protectedDedicated: ref(shop, orders),
  };
}
