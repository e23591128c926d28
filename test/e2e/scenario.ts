/**
 * What the default demo scenario (simulator/world/scenario.ts) must show. Group ids are seeded, so
 * alerts are matched by cluster name, endpoint or project name (group_name, which the alerts join
 * from project_info).
 */
export const EXPECTED_ALERTS: [string, Record<string, string>][] = [
  // catalog-prod: its last snapshot is about 73 h old, over 3 daily intervals
  ['AtlasBackupSnapshotOverdue', { cluster_name: 'catalog-prod', group_name: 'webshop-prod' }],
  ['AtlasBackupSnapshotOverdueCritical', { cluster_name: 'catalog-prod' }],
  ['AtlasBackupSnapshotFailed', { cluster_name: 'payments-prod' }],
  // inventory-prod: RUNNING since 5 h
  ['AtlasBackupSnapshotStuck', { cluster_name: 'inventory-prod' }],
  // finance-legacy: the credentials cannot list its clusters, of either kind
  ['AtlasBackupProjectNotCollected', { cluster_kind: 'flex', group_name: 'finance-legacy' }],
  ['AtlasBackupProjectNotCollected', { cluster_kind: 'serverless', group_name: 'finance-legacy' }],
  // billing-db: every 4 h by its policy, nothing for about 30 h
  ['AtlasBackupSnapshotOverdue', { cluster_name: 'billing-db', cluster_kind: 'dedicated' }],
  ['AtlasBackupSnapshotOverdueCritical', { cluster_name: 'billing-db', cluster_kind: 'dedicated' }],
  ['AtlasBackupSnapshotFailed', { cluster_name: 'checkout-db', cluster_kind: 'dedicated' }],
  // preview-staging: a Flex cluster 3 days old that never got a snapshot
  ['AtlasBackupNoCompletedSnapshot', { cluster_name: 'preview-staging' }],
  // --demo reads restore jobs: a Flex and a dedicated restore failed after the last completed one
  ['AtlasBackupRestoreFailed', { cluster_name: 'payments-prod', cluster_kind: 'flex' }],
  ['AtlasBackupRestoreFailed', { cluster_name: 'checkout-db', cluster_kind: 'dedicated' }],
  // --demo reads exports: billing-db's monthly export is 55 days old, checkout-db's newest failed
  ['AtlasBackupExportOverdue', { cluster_name: 'billing-db', cluster_kind: 'dedicated' }],
  ['AtlasBackupExportFailed', { cluster_name: 'checkout-db', cluster_kind: 'dedicated' }],
  // billing-db: its newest collection-level restore took 6.5 h, over the 4 h recovery-time target
  ['AtlasBackupRestoreSlowerThanTarget', { cluster_name: 'billing-db', restore_level: 'collection' }],
  // ledger-db: 500 days old, its policy keeps a year, its oldest snapshot is days old
  ['AtlasBackupHistoryShorterThanPolicy', { cluster_name: 'ledger-db', cluster_kind: 'dedicated' }],
  // the serverless snapshot endpoint's Sunset (2026-01-22) is past
  ['AtlasBackupApiSunset', { endpoint: 'serverless_snapshots' }],
  // backup events: checkout-db's copy to its DR region failed 2 h ago, after one that succeeded;
  // analytics-pit's oplog fell behind 45 min ago; an API key deleted a snapshot in webshop-prod
  ['AtlasBackupCopyFailing', { cluster_name: 'checkout-db', cluster_kind: 'dedicated' }],
  ['AtlasBackupOplogBehind', { cluster_name: 'analytics-pit', cluster_kind: 'dedicated' }],
  ['AtlasBackupSnapshotDeletedByUser', { group_name: 'webshop-prod', actor: 'api_key' }],
  // --demo reads online archives: ledger-db's active archive is outside its backups (info, pending
  // for its hour); analytics-pit's paused and checkout-db's orphaned ones too
  ['AtlasBackupOnlineArchiveNotInBackups', { cluster_name: 'ledger-db', cluster_kind: 'dedicated' }],
  ['AtlasBackupOnlineArchiveNotInBackups', { cluster_name: 'analytics-pit', cluster_kind: 'dedicated' }],
  ['AtlasBackupOnlineArchiveNotInBackups', { cluster_name: 'checkout-db', cluster_kind: 'dedicated' }],
  // --demo reads compliance policies: the lab project's has been updating for 2 h (webshop-prod's is active)
  [
    'AtlasBackupCompliancePolicyNotActive',
    { group_name: "R&D:analytics(eu),O'Brien@lab+1", state: 'updating' },
  ],
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
  // a paused and a backup-disabled cluster, which are never overdue. Restores under way for
  // minutes (events-dev, analytics-pit) and a download waiting for its user (orders-db) are
  // normal; search-db's drill is 200 days old, which only the opt-in drill alert would tell.
  // Collection-level restores under way (orders-db, analytics-pit) are normal too.
  // minutes (events-dev) and a download waiting for its user (orders-db) are normal; search-db's
  // drill is 200 days old, which only the opt-in drill alert would tell. analytics-pit's oplog is
  // behind (an expected alert). orders-db's only online archive is deleted: nothing outside backups.
  'orders-db',
  'search-db',
  'staging-db',
  'scratch-db',
];

/** The demo is scraped, reaches Atlas within its rate limit, reads every readable cluster, and is one shard of one. */
export const SILENT_ALERTS = [
  'AtlasBackupExporterAbsent',
  'AtlasBackupAtlasUnreachable',
  'AtlasBackupApiRateLimited',
  'AtlasBackupClusterNotCollected',
  'AtlasBackupExporterShardingMismatch',
  'AtlasBackupExporterShardsMissing',
];

/** serverless_instances announces a Sunset about 50 days out: beyond the 30-day threshold. */
export const SILENT_ENDPOINTS = ['serverless_instances'];
