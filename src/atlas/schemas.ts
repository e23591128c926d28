import type { EndpointName } from './endpoints.js';
import { AtlasMalformedResponseError } from './errors.js';
import type {
  CloudSnapshot,
  ClusterBasics,
  FlexCluster,
  FlexSnapshot,
  Group,
  ServerlessInstance,
} from './types.js';

/*
 * Lenient parsers of the few fields we use. Unknown fields are ignored, enum values are kept as
 * sent (Atlas adds values without a new version), and a field of the wrong type counts as absent.
 * Only an item without its identity (project id/name, cluster name) is dropped.
 */

type Obj = Record<string, unknown>;

export function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function bool(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

export function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

export function sub(value: unknown): Obj {
  return isObject(value) ? value : {};
}

/** An ISO 8601 date-time as Unix seconds; anything else (or an impossible date) is undefined. */
export function unixSeconds(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}(T|$)/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms / 1000;
}

/** Copies only the defined values, so results compare cleanly with `toEqual`. */
export function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function parseGroup(raw: unknown): Group | undefined {
  if (!isObject(raw)) return undefined;
  const id = text(raw.id);
  const name = text(raw.name);
  if (id === undefined || name === undefined) return undefined;
  return { id, name, orgId: text(raw.orgId) ?? '' };
}

/** The fields every cluster API names alike; undefined without a name. */
export function clusterBasics(raw: unknown): (ClusterBasics & { raw: Obj }) | undefined {
  if (!isObject(raw)) return undefined;
  const name = text(raw.name);
  if (name === undefined) return undefined;
  return {
    raw,
    name,
    groupId: text(raw.groupId) ?? '',
    createDate: unixSeconds(raw.createDate),
    stateName: text(raw.stateName),
    mongoDBVersion: text(raw.mongoDBVersion),
  };
}

export function parseFlexCluster(item: unknown): FlexCluster | undefined {
  const basics = clusterBasics(item);
  if (basics === undefined) return undefined;
  const { raw, ...known } = basics;
  const provider = sub(raw.providerSettings);
  return defined<FlexCluster>({
    ...known,
    provider: text(provider.backingProviderName),
    region: text(provider.regionName),
    // The spec's default: Flex backups cannot be turned off.
    backupEnabled: bool(sub(raw.backupSettings).enabled) ?? true,
    clusterType: text(raw.clusterType),
  });
}

export function parseServerlessInstance(item: unknown): ServerlessInstance | undefined {
  const basics = clusterBasics(item);
  if (basics === undefined) return undefined;
  const { raw, ...known } = basics;
  const provider = sub(raw.providerSettings);
  return defined<ServerlessInstance>({
    ...known,
    provider: text(provider.backingProviderName),
    region: text(provider.regionName),
    continuousBackupEnabled: bool(sub(raw.serverlessBackupOptions).serverlessContinuousBackupEnabled),
  });
}

export function parseFlexSnapshot(raw: unknown): FlexSnapshot | undefined {
  if (!isObject(raw)) return undefined;
  return defined<FlexSnapshot>({
    id: text(raw.id),
    status: text(raw.status),
    scheduledTime: unixSeconds(raw.scheduledTime),
    startTime: unixSeconds(raw.startTime),
    finishTime: unixSeconds(raw.finishTime),
    expiration: unixSeconds(raw.expiration),
    mongoDBVersion: text(raw.mongoDBVersion),
  });
}

export function parseCloudSnapshot(raw: unknown): CloudSnapshot | undefined {
  if (!isObject(raw)) return undefined;
  return defined<CloudSnapshot>({
    id: text(raw.id),
    status: text(raw.status),
    createdAt: unixSeconds(raw.createdAt),
    expiresAt: unixSeconds(raw.expiresAt),
    frequencyType: text(raw.frequencyType),
    snapshotType: text(raw.snapshotType),
    mongodVersion: text(raw.mongodVersion),
    storageSizeBytes: count(raw.storageSizeBytes),
  });
}

/** The paging envelope of every list answer. */
export interface RawPage {
  results: unknown[];
  totalCount?: number;
  nextHref?: string;
  /** Whether the page had a `links` array at all: without one, only totalCount tells the end. */
  hasLinks: boolean;
}

export function parsePage(
  body: unknown,
  endpoint: EndpointName = 'groups',
  where: string = endpoint,
): RawPage {
  if (!isObject(body) || !Array.isArray(body.results)) {
    throw new AtlasMalformedResponseError(`${where}: list answer has no results array`, { endpoint });
  }
  const page: RawPage = { results: body.results, hasLinks: Array.isArray(body.links) };
  const total = count(body.totalCount);
  if (total !== undefined && Number.isInteger(total)) page.totalCount = total;
  for (const link of Array.isArray(body.links) ? body.links : []) {
    if (isObject(link) && link.rel === 'next' && typeof link.href === 'string') page.nextHref = link.href;
  }
  return page;
}
