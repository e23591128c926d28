import { addCopySettings } from '../resources/backup-schedule.js';
import { addCollectionRestoreJobs } from '../resources/collection-restore-jobs.js';
import { addCompliancePolicies } from '../resources/compliance-policy.js';
import { addExports } from '../resources/export-jobs.js';
import { dailyFlexSnapshots, flexSnapshot } from '../resources/flex-snapshots.js';
import { addBilling } from '../resources/invoices.js';
import { addOnlineArchives } from '../resources/online-archives.js';
import { addBackupEvents } from '../resources/project-events.js';
import { addRestoreJobs } from '../resources/restore-jobs.js';
import { completedServerlessSnapshots } from '../resources/serverless-snapshots.js';
import { DAY_MS, flexCluster, HOUR_MS, seconds, serverlessInstance } from './generate.js';
import type { ScenarioRoles, SimProject, SimWorld } from './model.js';
import { int, mulberry32, objectId, type Rng } from './prng.js';
import { ref } from './refs.js';
import { addDedicatedClusters } from './scenario-dedicated.js';

/**
 * The default scenario: 3 readable projects with Flex, serverless and dedicated clusters showing
 * every problem, plus one unreadable project.
 */
export interface Scenario {
  world: SimWorld;
  roles: ScenarioRoles;
}

function project(rng: Rng, orgId: string, name: string, nowMs: number, readable = true): SimProject {
  const createdMs = seconds(nowMs - int(rng, 400, 1500) * DAY_MS - int(rng, 0, 86_399) * 1000);
  return {
    id: objectId(rng, createdMs),
    name,
    orgId,
    createdMs,
    readable,
    flex: [],
    serverless: [],
    dedicated: [],
  };
}

function oldCreate(rng: Rng, nowMs: number): number {
  return nowMs - int(rng, 30, 600) * DAY_MS - int(rng, 0, 86_399) * 1000;
}

/** A Flex cluster with 8 healthy daily snapshots, the newest 1–19 h ago. */
function healthyFlex(rng: Rng, p: SimProject, name: string, nowMs: number) {
  const c = flexCluster(rng, { groupId: p.id, name, createMs: oldCreate(rng, nowMs) });
  c.snapshots = dailyFlexSnapshots(rng, nowMs - HOUR_MS - int(rng, 0, 18 * 3600) * 1000, 8, c.mongoDBVersion);
  p.flex.push(c);
  return c;
}

function healthyServerless(rng: Rng, p: SimProject, name: string, nowMs: number, migrated = false) {
  const s = serverlessInstance(rng, { groupId: p.id, name, createMs: oldCreate(rng, nowMs) }, migrated);
  s.snapshots = completedServerlessSnapshots(rng, s, nowMs - int(rng, 600, 5 * 3600) * 1000, 12);
  p.serverless.push(s);
  return s;
}

/** Builds the default scenario relative to `nowMs`; the same seed and clock give the same world. */
export function buildScenario(seed: number, nowMs: number): Scenario {
  const rng = mulberry32(seed);
  const orgId = objectId(rng, nowMs - 2000 * DAY_MS);
  const shop = project(rng, orgId, 'webshop-prod', nowMs);
  const lab = project(rng, orgId, "R&D:analytics(eu),O'Brien@lab+1", nowMs);
  const staging = project(rng, orgId, 'webshop-staging', nowMs);
  const legacy = project(rng, orgId, 'finance-legacy', nowMs, false);

  const orders = healthyFlex(rng, shop, 'orders-prod', nowMs);
  // Failed: the newest is FAILED, the 7 before it completed.
  const payments = healthyFlex(rng, shop, 'payments-prod', nowMs);
  const lastPayment = payments.snapshots.at(-1);
  if (lastPayment) lastPayment.status = 'FAILED';
  // Stuck: RUNNING since 5 h; the completed ones before it are a day older.
  const inventory = flexCluster(rng, {
    groupId: shop.id,
    name: 'inventory-prod',
    createMs: oldCreate(rng, nowMs),
  });
  const stuckStart = nowMs - 5 * HOUR_MS;
  inventory.snapshots = dailyFlexSnapshots(rng, stuckStart - DAY_MS, 7, inventory.mongoDBVersion);
  inventory.snapshots.push({
    ...flexSnapshot(rng, stuckStart - 7000, inventory.mongoDBVersion, 'RUNNING'),
    startMs: stuckStart,
  });
  shop.flex.push(inventory);
  // Overdue: the last snapshot is about 3 days old and none came after it.
  const catalog = flexCluster(rng, {
    groupId: shop.id,
    name: 'catalog-prod',
    createMs: oldCreate(rng, nowMs),
  });
  catalog.snapshots = dailyFlexSnapshots(
    rng,
    nowMs - 3 * DAY_MS - int(rng, 0, 7200) * 1000,
    8,
    catalog.mongoDBVersion,
  );
  shop.flex.push(catalog);
  const sessions = healthyServerless(rng, shop, 'sessions-prod', nowMs);

  // New: created 6 h ago, Flex takes its first snapshot 24 h after creation.
  const reports = flexCluster(rng, { groupId: lab.id, name: 'reports-dev', createMs: nowMs - 6 * HOUR_MS });
  lab.flex.push(reports);
  // Queued: today's snapshot was scheduled 3 minutes ago and waits.
  const events = flexCluster(rng, { groupId: lab.id, name: 'events-dev', createMs: oldCreate(rng, nowMs) });
  const queuedAt = nowMs - 3 * 60_000;
  events.snapshots = dailyFlexSnapshots(rng, queuedAt - DAY_MS, 7, events.mongoDBVersion);
  events.snapshots.push(flexSnapshot(rng, queuedAt, events.mongoDBVersion, 'QUEUED'));
  lab.flex.push(events);
  // Migrated: a former serverless instance, now also a Flex cluster of the same name.
  const searchFlex = healthyFlex(rng, lab, 'search-staging', nowMs);
  searchFlex.createMs = searchFlex.snapshots[0]
    ? searchFlex.snapshots[0].scheduledMs - DAY_MS
    : searchFlex.createMs;
  const searchServerless = healthyServerless(rng, lab, 'search-staging', nowMs, true);
  const telemetry = healthyServerless(rng, lab, 'telemetry-dev', nowMs);

  healthyFlex(rng, staging, 'web-staging', nowMs);
  healthyFlex(rng, staging, 'api-staging', nowMs);

  // Unreadable: it has clusters, so clusterCount is not 0, but these credentials cannot see them.
  healthyFlex(rng, legacy, 'ledger-prod', nowMs);
  healthyServerless(rng, legacy, 'invoices-prod', nowMs);

  // Tags for routing and filtering (--atlas.tag-labels); none on the unreadable project.
  shop.tags = [
    { key: 'environment', value: 'production' },
    { key: 'team', value: 'checkout' },
  ];
  lab.tags = [{ key: 'team', value: 'data' }];
  staging.tags = [{ key: 'environment', value: 'staging' }];
  Object.assign(orders, { terminationProtection: true, tags: [{ key: 'environment', value: 'production' }] });

  const dedicated = addDedicatedClusters(rng, { shop, lab, staging }, nowMs);
  const restores = addRestoreJobs(seed, { shop, lab }, nowMs);
  const collectionRestores = addCollectionRestoreJobs(seed, { shop, lab }, nowMs);
  const copies = addCopySettings(shop);
  const backupEvents = addBackupEvents(seed, { shop, lab }, nowMs);
  const exports = addExports(seed, shop, nowMs);
  const archives = addOnlineArchives(seed, { shop, lab });
  const compliance = addCompliancePolicies(seed, { shop, lab, staging }, nowMs);

  const roles: ScenarioRoles = {
    ...dedicated,
    ...restores,
    ...collectionRestores,
    ...copies,
    ...backupEvents,
    ...exports,
    ...archives,
    ...compliance,
    healthyFlex: ref(shop, orders),
    overdueFlex: ref(shop, catalog),
    failedFlex: ref(shop, payments),
    stuckFlex: ref(shop, inventory),
    queuedFlex: ref(lab, events),
    newFlex: ref(lab, reports),
    healthyServerless: [ref(shop, sessions), ref(lab, telemetry)],
    migrated: { flex: ref(lab, searchFlex), serverless: ref(lab, searchServerless) },
    unreadableProject: { groupId: legacy.id, groupName: legacy.name },
    specialNameProject: { groupId: lab.id, groupName: lab.name },
    costJump: dedicated.shardedDedicated,
    unknownBackupSku: dedicated.pitDedicated,
  };
  const world: SimWorld = { orgId, projects: [shop, lab, staging, legacy] };
  addBilling(world, nowMs, roles.costJump, roles.unknownBackupSku, lab);
  return { world, roles };
}
