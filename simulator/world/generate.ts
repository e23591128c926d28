import type { SimFlexCluster, SimServerlessInstance } from './model.js';
import { int, objectId, pick, type Rng, token } from './prng.js';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

const REGIONS = {
  AWS: ['US_EAST_1', 'EU_WEST_1', 'AP_SOUTHEAST_2'],
  AZURE: ['EUROPE_WEST', 'US_EAST_2'],
  GCP: ['CENTRAL_US', 'WESTERN_EUROPE'],
} as const;

/** Whole seconds: Atlas timestamps carry no milliseconds. */
export const seconds = (ms: number): number => Math.floor(ms / 1000) * 1000;

export interface ClusterBasics {
  groupId: string;
  name: string;
  createMs: number;
}

/** Identity, place and host of a new cluster. */
export function basics(rng: Rng, { groupId, name, createMs }: ClusterBasics) {
  const provider = pick(rng, ['AWS', 'AWS', 'AZURE', 'GCP'] as const);
  return {
    id: objectId(rng, createMs),
    name,
    groupId,
    createMs: seconds(createMs),
    provider,
    region: pick(rng, REGIONS[provider]),
    stateName: 'IDLE',
    hostSuffix: token(rng, 5),
  };
}

export function flexCluster(rng: Rng, base: ClusterBasics): SimFlexCluster {
  return {
    kind: 'flex',
    ...basics(rng, base),
    mongoDBVersion: `8.0.${int(rng, 10, 29)}`,
    snapshots: [],
    restoreJobs: [],
  };
}

export function serverlessInstance(
  rng: Rng,
  base: ClusterBasics,
  migratedToFlex = false,
): SimServerlessInstance {
  return {
    kind: 'serverless',
    ...basics(rng, base),
    mongoDBVersion: `7.0.${int(rng, 10, 24)}`,
    continuousBackup: rng() < 0.5,
    migratedToFlex,
    snapshots: [],
  };
}
