/**
 * What the default demo scenario (simulator/world/scenario.ts) must show. Group ids are seeded, so
 * alerts are matched by cluster name, endpoint or, for the unreadable project, by its alert alone.
 */
export const EXPECTED_ALERTS: [string, Record<string, string>][] = [
  // catalog-prod: its last snapshot is about 73 h old, over 3 daily intervals
  ['AtlasBackupSnapshotOverdue', { cluster_name: 'catalog-prod' }],
  ['AtlasBackupSnapshotOverdueCritical', { cluster_name: 'catalog-prod' }],
  ['AtlasBackupSnapshotFailed', { cluster_name: 'payments-prod' }],
  // inventory-prod: RUNNING since 5 h
  ['AtlasBackupSnapshotStuck', { cluster_name: 'inventory-prod' }],
  // finance-legacy: the credentials cannot list its clusters, of either kind
  ['AtlasBackupProjectNotCollected', { cluster_kind: 'flex' }],
  ['AtlasBackupProjectNotCollected', { cluster_kind: 'serverless' }],
  // billing-db: every 4 h by its policy, nothing for about 30 h
  ['AtlasBackupSnapshotOverdue', { cluster_name: 'billing-db', cluster_kind: 'dedicated' }],
  ['AtlasBackupSnapshotOverdueCritical', { cluster_name: 'billing-db', cluster_kind: 'dedicated' }],
  ['AtlasBackupSnapshotFailed', { cluster_name: 'checkout-db', cluster_kind: 'dedicated' }],
  // preview-staging: a Flex cluster 3 days old that never got a snapshot
  ['AtlasBackupNoCompletedSnapshot', { cluster_name: 'preview-staging' }],
  // the serverless snapshot endpoint's Sunset (2026-01-22) is past
  ['AtlasBackupApiSunset', { endpoint: 'serverless_snapshots' }],
];

/**
 * Clusters no alert may touch: healthy ones, reports-dev (6 h old, its first Flex snapshot is due
 * after 24 h) and events-dev (today's snapshot queued 3 minutes ago).
 */
export const HEALTHY = [
  'orders-prod',
  'sessions-prod',
  'telemetry-dev',
  'search-staging',
  'web-staging',
  'api-staging',
  'reports-dev',
  'events-dev',
  // dedicated: healthy replica set and sharded cluster, a snapshot in progress for a minute, and
  // a paused and a backup-disabled cluster, which are never overdue
  'orders-db',
  'search-db',
  'analytics-pit',
  'staging-db',
  'scratch-db',
];

/** The demo reaches Atlas, within its rate limit, reads every readable cluster, and is one shard of one. */
export const SILENT_ALERTS = [
  'AtlasBackupExporterDown',
  'AtlasBackupApiRateLimited',
  'AtlasBackupClusterNotCollected',
  'AtlasBackupExporterShardingMismatch',
  'AtlasBackupExporterShardsMissing',
];

/** serverless_instances announces a Sunset about 50 days out: beyond the 30-day threshold. */
export const SILENT_ENDPOINTS = ['serverless_instances'];
