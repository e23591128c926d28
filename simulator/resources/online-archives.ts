import { isResponse, okPage } from '../http/wire.js';
import { DAY_MS } from '../world/generate.js';
import type { ScenarioRoles, SimDedicatedCluster, SimProject } from '../world/model.js';
import { int, mulberry32, objectId, type Rng } from '../world/prng.js';
import { byName, ref } from '../world/refs.js';
import { findDedicated } from './clusters.js';
import { GROUP_PATH, simResource, V2023 } from './resource.js';

/** The role the online-archive list needs; a test refuses it with `missingRoles`. */
export const PROJECT_READ_ONLY = 'Project Read Only';

/** An online archive (BackupOnlineArchive) of one collection, archived by a date field. */
export interface SimOnlineArchive {
  id: string;
  dbName: string;
  collName: string;
  /** the spec's enum; its text names ARCHIVING and IDLE too, which a test can rewrite in */
  state: 'PENDING' | 'ACTIVE' | 'PAUSING' | 'PAUSED' | 'DELETED' | 'ORPHANED';
  /** documents older than this by `createdAt` are archived */
  archiveAfterDays: number;
  /** the archive deletes documents this long after archiving them; absent: kept for ever */
  expireAfterDays?: number;
}

/** BackupOnlineArchive, without the optional schedule (the DEFAULT one) and region (the cluster's). */
function renderArchive(c: SimDedicatedCluster, a: SimOnlineArchive) {
  return {
    _id: a.id,
    clusterName: c.name,
    collName: a.collName,
    collectionType: 'STANDARD',
    criteria: {
      type: 'DATE',
      dateField: 'createdAt',
      dateFormat: 'ISODATE',
      expireAfterDays: a.archiveAfterDays,
    },
    ...(a.expireAfterDays === undefined
      ? {}
      : { dataExpirationRule: { expireAfterDays: a.expireAfterDays } }),
    dbName: a.dbName,
    groupId: c.groupId,
    partitionFields: [{ fieldName: 'createdAt', fieldType: 'date', order: 0 }],
    paused: a.state === 'PAUSING' || a.state === 'PAUSED',
    state: a.state,
  };
}

/** The online archives of dedicated clusters: Project Read Only, paged. */
export const onlineArchives = simResource({
  name: 'online-archives',
  routes: [
    {
      endpoint: 'online_archives',
      method: 'GET',
      pattern: new RegExp(`^${GROUP_PATH}/clusters/([^/]+)/onlineArchives$`),
      version: V2023,
      paged: true,
      scope: 'project',
      role: PROJECT_READ_ONLY,
      handle: ({ project, params, query, self, version }) => {
        const c = findDedicated(project, params[0] ?? '');
        if (isResponse(c)) return c;
        return okPage(
          (c.onlineArchives ?? []).map((a) => renderArchive(c, a)),
          query,
          self,
          version,
        );
      },
    },
  ],
});

function onlineArchive(
  rng: Rng,
  c: SimDedicatedCluster,
  collection: string,
  state: SimOnlineArchive['state'],
): SimOnlineArchive {
  const [dbName = 'app', collName = 'events'] = collection.split('.');
  return {
    id: objectId(rng, c.createMs + int(rng, 1, 30) * DAY_MS),
    dbName,
    collName,
    state,
    archiveAfterDays: int(rng, 3, 12) * 30,
    ...(rng() < 0.5 ? {} : { expireAfterDays: 365 * int(rng, 1, 7) }),
  };
}

/**
 * Online archives on four dedicated clusters of the scenario: active (beside a deleted one),
 * paused, orphaned (its collection dropped), and a cluster whose only archive is deleted, which
 * holds nothing outside backups. A stream of its own, so the rest of the scenario stays as it was.
 */
export function addOnlineArchives(
  seed: number,
  projects: { shop: SimProject; lab: SimProject },
): Pick<ScenarioRoles, 'archives'> {
  const rng = mulberry32(seed ^ 0x0a4c);
  const { shop, lab } = projects;
  const ledger = byName(shop.dedicated, 'ledger-db');
  ledger.onlineArchives = [
    onlineArchive(rng, ledger, 'ledger.entries', 'ACTIVE'),
    onlineArchive(rng, ledger, 'ledger.audit', 'DELETED'),
  ];
  const pit = byName(lab.dedicated, 'analytics-pit');
  pit.onlineArchives = [onlineArchive(rng, pit, 'analytics.clicks', 'PAUSED')];
  const checkout = byName(shop.dedicated, 'checkout-db');
  checkout.onlineArchives = [onlineArchive(rng, checkout, 'checkout.carts', 'ORPHANED')];
  const orders = byName(shop.dedicated, 'orders-db');
  orders.onlineArchives = [onlineArchive(rng, orders, 'orders.history', 'DELETED')];
  return {
    archives: {
      active: ref(shop, ledger),
      paused: ref(lab, pit),
      orphaned: ref(shop, checkout),
      deletedOnly: ref(shop, orders),
    },
  };
}

/**
 * A few archives in a sized world, one each on the first dedicated clusters it added: enough to
 * render, cheap at any size. Its own stream, so the sized world stays as it was.
 */
export function addSizedOnlineArchives(seed: number, added: readonly SimDedicatedCluster[]): void {
  const rng = mulberry32(seed ^ 0xa4c5);
  const states = ['ACTIVE', 'PAUSED', 'ORPHANED'] as const;
  states.forEach((state, i) => {
    const c = added[i];
    if (c) c.onlineArchives = [onlineArchive(rng, c, 'app.events', state)];
  });
}
