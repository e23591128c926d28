import { type ClusterInfo, described } from '../../resources/cluster.js';
import type { Group } from '../../resources/projects/schema.js';
import type { ServerlessInstance } from './schema.js';

/** Serverless instances were snapshotted every 6 hours. */
export const SERVERLESS_INTERVAL_SECONDS = 21_600;

/** Serverless backup cannot be disabled; continuous backup is what gives point-in-time restore. */
export function fromServerlessInstance(group: Group, s: ServerlessInstance): ClusterInfo {
  return described(group, s, 'serverless', {
    tier: 'SERVERLESS',
    topology: 'replicaset',
    backupEnabled: true,
    pitEnabled: s.continuousBackupEnabled ?? false,
    paused: false,
    expectedIntervalSeconds: SERVERLESS_INTERVAL_SECONDS,
  });
}
