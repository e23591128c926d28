import { DAY_MS, HOUR_MS, seconds } from './generate.js';
import { addCopySetting } from './generate-dedicated.js';
import type {
  ScenarioRoles,
  SimDedicatedCluster,
  SimDedicatedRestoreJob,
  SimFlexCluster,
  SimFlexRestoreJob,
  SimProject,
} from './model.js';
import { mulberry32, objectId, type Rng } from './prng.js';
import { ref } from './scenario-dedicated.js';

type RestoreRoles = Pick<
  ScenarioRoles,
  'failedRestore' | 'oldRestore' | 'uncopiedSnapshot' | 'copiedSnapshot'
>;

function flexJob(
  rng: Rng,
  c: SimFlexCluster,
  status: string,
  scheduledMs: number,
  deliveryType: SimFlexRestoreJob['deliveryType'] = 'RESTORE',
): SimFlexRestoreJob {
  const scheduled = seconds(scheduledMs);
  const snapshot = c.snapshots.at(-1);
  const job: SimFlexRestoreJob = {
    id: objectId(rng, scheduled),
    status,
    deliveryType,
    scheduledMs: scheduled,
    snapshotId: snapshot?.id ?? objectId(rng, scheduled - DAY_MS),
    snapshotFinishedMs: snapshot?.finishMs ?? scheduled - DAY_MS,
    ...(deliveryType === 'RESTORE' ? { targetName: `${c.name}-restore`, targetProjectId: c.groupId } : {}),
  };
  if (status === 'COMPLETED') job.finishedMs = scheduled + 3 * 60_000;
  return job;
}

type DedicatedInit = Partial<
  Omit<SimDedicatedRestoreJob, 'id' | 'requestedMs' | 'snapshotId' | 'snapshotMs'>
>;

function dedicatedJob(
  rng: Rng,
  c: SimDedicatedCluster,
  requestedMs: number,
  init: DedicatedInit = {},
): SimDedicatedRestoreJob {
  const requested = seconds(requestedMs);
  const snapshot = c.snapshots.find((s) => s.createdMs !== undefined && s.createdMs < requested);
  const deliveryType = init.deliveryType ?? 'automated';
  return {
    id: objectId(rng, requested),
    deliveryType,
    requestedMs: requested,
    snapshotId: snapshot?.id ?? objectId(rng, requested - DAY_MS),
    snapshotMs: snapshot?.createdMs ?? requested - DAY_MS,
    cancelled: false,
    failed: false,
    expired: false,
    deliveryUrl: [],
    ...(deliveryType === 'download'
      ? {}
      : { targetClusterName: `${c.name}-drill`, targetGroupId: c.groupId }),
    ...init,
  };
}

/** A disaster-recovery region of each provider, in its own spelling. */
const DR_REGIONS = { AWS: 'US_WEST_2', AZURE: 'EUROPE_NORTH', GCP: 'EUROPE_WEST_3' } as const;

function byName<T extends { name: string }>(list: readonly T[], name: string): T {
  const found = list.find((c) => c.name === name);
  if (!found) throw new Error(`scenario: no cluster ${name}`);
  return found;
}

/**
 * Restore jobs of every shape and copy settings, on clusters of the default scenario. A stream
 * of its own, so the snapshots and ids of the rest of the scenario stay as they were.
 */
export function addRestoresAndCopies(
  seed: number,
  projects: { shop: SimProject; lab: SimProject },
  nowMs: number,
): RestoreRoles {
  const rng = mulberry32(seed ^ 0x2e57);
  const { shop, lab } = projects;
  const ago = (ms: number) => nowMs - ms;

  // Flex, newest first as recorded: a drill two days ago, a download last week.
  const orders = byName(shop.flex, 'orders-prod');
  orders.restoreJobs = [
    flexJob(rng, orders, 'COMPLETED', ago(2 * DAY_MS)),
    flexJob(rng, orders, 'COMPLETED', ago(6 * DAY_MS), 'DOWNLOAD'),
  ];
  // Failed: the newest restore failed, after one that completed.
  const payments = byName(shop.flex, 'payments-prod');
  payments.restoreJobs = [
    flexJob(rng, payments, 'FAILED', ago(3 * HOUR_MS)),
    flexJob(rng, payments, 'COMPLETED', ago(10 * DAY_MS)),
  ];
  // Under way, minutes old: pending, queued and running are normal.
  const events = byName(lab.flex, 'events-dev');
  events.restoreJobs = [
    flexJob(rng, events, 'PENDING', ago(60_000)),
    flexJob(rng, events, 'QUEUED', ago(4 * 60_000), 'DOWNLOAD'),
    flexJob(rng, events, 'RUNNING', ago(9 * 60_000)),
  ];

  // Dedicated, oldest first. Healthy: drills done, a download expired, one waiting for its user.
  const ordersDb = byName(shop.dedicated, 'orders-db');
  ordersDb.restoreJobs = [
    dedicatedJob(rng, ordersDb, ago(30 * DAY_MS), { deliveryType: 'download', expired: true }),
    dedicatedJob(rng, ordersDb, ago(3 * DAY_MS), {
      deliveryType: 'pointInTime',
      pointInTimeSeconds: Math.floor(ago(3 * DAY_MS + HOUR_MS) / 1000),
      finishedMs: seconds(ago(3 * DAY_MS - 25 * 60_000)),
    }),
    // recorded: an automated restore gets finishedAt about 4 minutes after it is asked for
    dedicatedJob(rng, ordersDb, ago(DAY_MS), { finishedMs: seconds(ago(DAY_MS - 4 * 60_000)) }),
    dedicatedJob(rng, ordersDb, ago(40 * 60_000), {
      deliveryType: 'download',
      deliveryUrl: [`https://restore-${ordersDb.id}.s3.amazonaws.com/${ordersDb.name}.tar.gz`],
      expiresMs: seconds(ago(40 * 60_000) + 2 * DAY_MS),
    }),
  ];
  // Failed after a completed drill, and a cancelled one before.
  const checkout = byName(shop.dedicated, 'checkout-db');
  checkout.restoreJobs = [
    dedicatedJob(rng, checkout, ago(40 * DAY_MS), { cancelled: true }),
    dedicatedJob(rng, checkout, ago(20 * DAY_MS), { finishedMs: seconds(ago(20 * DAY_MS - 5 * 60_000)) }),
    dedicatedJob(rng, checkout, ago(2 * HOUR_MS), { failed: true, finishedMs: seconds(ago(HOUR_MS)) }),
  ];
  // The last drill is about 200 days old.
  const search = byName(shop.dedicated, 'search-db');
  search.restoreJobs = [
    dedicatedJob(rng, search, ago(200 * DAY_MS), { finishedMs: seconds(ago(200 * DAY_MS - 9 * 60_000)) }),
  ];
  // A point-in-time restore under way for a few minutes.
  const pit = byName(lab.dedicated, 'analytics-pit');
  pit.restoreJobs = [
    dedicatedJob(rng, pit, ago(5 * 60_000), {
      deliveryType: 'pointInTime',
      pointInTimeSeconds: Math.floor(ago(2 * HOUR_MS) / 1000),
    }),
  ];

  // Copies follow policy items: orders-db copies the snapshots of its hourly and daily items;
  // checkout-db only its weekly ones, so its newest snapshots (6-hourly and daily) are not copied.
  const copy = (c: SimDedicatedCluster, itemIndexes: number[]) =>
    addCopySetting(c, {
      cloudProvider: c.provider,
      regionName: DR_REGIONS[c.provider],
      zoneId: `${c.id.slice(0, 20)}${(0x2000).toString(16)}`,
      shouldCopyOplogs: c.pitEnabled,
      copyPolicyItemIds: itemIndexes.flatMap((k) => c.policyItems[k]?.id ?? []),
    });
  copy(ordersDb, [0, 1]);
  copy(checkout, [2]);

  return {
    failedRestore: { flex: ref(shop, payments), dedicated: ref(shop, checkout) },
    oldRestore: ref(shop, search),
    uncopiedSnapshot: ref(shop, checkout),
    copiedSnapshot: ref(shop, ordersDb),
  };
}
