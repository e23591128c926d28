import type { SimCopySetting } from '../resources/backup-schedule.js';
import type { SimDedicatedSnapshot } from '../resources/cluster-snapshots.js';
import type { SimCollectionRestoreJob } from '../resources/collection-restore-jobs.js';
import type { SimCompliancePolicy } from '../resources/compliance-policy.js';
import type { SimExportBucket } from '../resources/export-buckets.js';
import type { SimAutoExport, SimExportJob } from '../resources/export-jobs.js';
import type { SimFlexSnapshot } from '../resources/flex-snapshots.js';
import type { SimBilling } from '../resources/invoices.js';
import type { SimOnlineArchive } from '../resources/online-archives.js';
import type { SimProjectEvent } from '../resources/project-events.js';
import type { SimDedicatedRestoreJob, SimFlexRestoreJob } from '../resources/restore-jobs.js';
import type { SimServerlessSnapshot } from '../resources/serverless-snapshots.js';

/**
 * The simulator's world, in its own terms: times are epoch milliseconds, rendered to Atlas's wire
 * format only when a request is answered (wire.ts). Mutators change these objects in place. A
 * cluster holds each of its lists; the item types live with their resource (simulator/resources/).
 */

export type {
  SimAutoExport,
  SimBilling,
  SimCollectionRestoreJob,
  SimCopySetting,
  SimDedicatedRestoreJob,
  SimDedicatedSnapshot,
  SimExportBucket,
  SimExportJob,
  SimFlexRestoreJob,
  SimFlexSnapshot,
  SimOnlineArchive,
  SimProjectEvent,
  SimServerlessSnapshot,
};

/** One item of a backup policy (DiskBackupApiPolicyItem). */
export interface SimPolicyItem {
  id: string;
  frequencyType: string;
  frequencyInterval: number;
  retentionUnit: 'days' | 'weeks' | 'months' | 'years';
  retentionValue: number;
}

/** An Atlas resource tag of a cluster or project. */
export interface SimTag {
  key: string;
  value: string;
}

interface SimClusterBase {
  id: string;
  name: string;
  groupId: string;
  createMs: number;
  mongoDBVersion: string;
  provider: 'AWS' | 'AZURE' | 'GCP';
  region: string;
  stateName: string;
  /** the `xxxxx` of `name.xxxxx.mongodb.net` */
  hostSuffix: string;
  /** none when absent */
  tags?: SimTag[];
  /** terminationProtectionEnabled (Flex and dedicated); false when absent */
  terminationProtection?: boolean;
}

export interface SimFlexCluster extends SimClusterBase {
  kind: 'flex';
  /** kept oldest first, as Atlas lists them */
  snapshots: SimFlexSnapshot[];
  /** kept newest first, as Atlas lists them (recorded) */
  restoreJobs: SimFlexRestoreJob[];
}

export interface SimServerlessInstance extends SimClusterBase {
  kind: 'serverless';
  continuousBackup: boolean;
  /** a former serverless instance now running as a Flex cluster of the same name */
  migratedToFlex: boolean;
  /** kept newest first, as Atlas lists them */
  snapshots: SimServerlessSnapshot[];
}

export interface SimDedicatedCluster extends SimClusterBase {
  kind: 'dedicated';
  clusterType: 'REPLICASET' | 'SHARDED' | 'GEOSHARDED';
  /** replicationSpecs: 1 for a replica set */
  shards: number;
  /** M10…; M0 with `tenant` */
  instanceSize: string;
  /** a free cluster (providerName TENANT): listed by /clusters, no Cloud Backup */
  tenant: boolean;
  backupEnabled: boolean;
  pitEnabled: boolean;
  paused: boolean;
  policyId: string;
  policyItems: SimPolicyItem[];
  referenceHourOfDay: number;
  referenceMinuteOfHour: number;
  /** absent when the policy has no items */
  nextSnapshotMs?: number;
  /** kept newest first */
  snapshots: SimDedicatedSnapshot[];
  /** Atlas does not document this list's order; kept oldest first, so no reader can lean on one */
  restoreJobs: SimDedicatedRestoreJob[];
  /** collection-level restore jobs; kept oldest first, their order is not documented either */
  collectionRestoreJobs: SimCollectionRestoreJob[];
  copySettings: SimCopySetting[];
  /** the schedule's auto-export; absent while it is off */
  autoExport?: SimAutoExport;
  /** kept oldest first, as for restore jobs */
  exportJobs: SimExportJob[];
  /** keep the snapshots when the cluster is deleted; false when absent */
  retainBackups?: boolean;
  /** the customer-key provider; NONE when absent */
  encryptionAtRestProvider?: 'AWS' | 'AZURE' | 'GCP';
  /** the schedule's point-in-time window; when absent 7 with continuous backup, else 2 */
  restoreWindowDays?: number;
  /** none when absent */
  onlineArchives?: SimOnlineArchive[];
}

export type SimCluster = SimFlexCluster | SimServerlessInstance | SimDedicatedCluster;
export type SimClusterKind = SimCluster['kind'];

export interface SimProject {
  id: string;
  name: string;
  orgId: string;
  createdMs: number;
  /** false: listed by /groups, but its cluster endpoints answer USER_UNAUTHORIZED */
  readable: boolean;
  flex: SimFlexCluster[];
  serverless: SimServerlessInstance[];
  /** clusters of the Cluster API: dedicated, and free (tenant) ones */
  dedicated: SimDedicatedCluster[];
  /** the project's events (GET /groups/{id}/events), oldest first: the scenario's, and what the mutators did */
  events?: SimProjectEvent[];
  /** the project's export buckets (GET /groups/{id}/backup/exportBuckets) */
  exportBuckets?: SimExportBucket[];
  /** its Backup Compliance Policy (GET /groups/{id}/backupCompliancePolicy); none when absent */
  compliancePolicy?: SimCompliancePolicy;
  /** none when absent */
  tags?: SimTag[];
}

export interface SimWorld {
  orgId: string;
  projects: SimProject[];
  /** what the organisation's pending invoice charges for (GET /orgs/{id}/invoices/pending); none: no invoice */
  billing?: SimBilling;
}

/** A cluster the tests can find by its role in the default scenario. */
export interface ClusterRef {
  readonly groupId: string;
  readonly groupName: string;
  readonly name: string;
  readonly kind: SimClusterKind;
}

export interface ProjectRef {
  readonly groupId: string;
  readonly groupName: string;
}

/** What each part of the default scenario is there to show. */
export interface ScenarioRoles {
  /** Flex, 8 daily COMPLETED snapshots, newest < 24 h old */
  readonly healthyFlex: ClusterRef;
  /** Flex, newest snapshot (COMPLETED) about 3 days old */
  readonly overdueFlex: ClusterRef;
  /** Flex, newest snapshot FAILED, newer than the newest COMPLETED */
  readonly failedFlex: ClusterRef;
  /** Flex, newest snapshot RUNNING since 5 h */
  readonly stuckFlex: ClusterRef;
  /** Flex, newest snapshot QUEUED a few minutes ago (normal) */
  readonly queuedFlex: ClusterRef;
  /** Flex, created 6 h ago, no snapshot yet (normal: the first comes after 24 h) */
  readonly newFlex: ClusterRef;
  /** serverless instances with healthy 6-hourly snapshots */
  readonly healthyServerless: readonly ClusterRef[];
  /** the same name as a serverless instance and as a Flex cluster (both healthy) */
  readonly migrated: { readonly flex: ClusterRef; readonly serverless: ClusterRef };
  /** listed by /groups; its cluster endpoints answer 401 USER_UNAUTHORIZED */
  readonly unreadableProject: ProjectRef;
  /** a project whose name uses &'(),:@+ */
  readonly specialNameProject: ProjectRef;
  /** Flex, created about 3 days ago, no snapshot at all: never backed up */
  readonly neverBackedUpFlex: ClusterRef;
  /** dedicated M30 replica set on the default policy (6 h), healthy, with an on-demand snapshot */
  readonly healthyDedicated: ClusterRef;
  /** dedicated sharded cluster (2 shards) on a daily policy, healthy */
  readonly shardedDedicated: ClusterRef;
  /** dedicated, backup enabled, paused for 10 days: old snapshots, nextSnapshot in the past */
  readonly pausedDedicated: ClusterRef;
  /** dedicated with backup disabled: no snapshots, schedule 404 BACKUP_CONFIG_NOT_FOUND */
  readonly backupDisabledDedicated: ClusterRef;
  /** dedicated with continuous backup (pitEnabled), a snapshot in progress (no createdAt yet) */
  readonly pitDedicated: ClusterRef;
  /** dedicated, hourly every 4 h, the last snapshot about 30 h ago, nextSnapshot stuck in the past */
  readonly overdueDedicated: ClusterRef;
  /** dedicated, the newest scheduled snapshot failed */
  readonly failedDedicated: ClusterRef;
  /** free M0 cluster (providerName TENANT): listed by /clusters, skipped by the exporter */
  readonly freeCluster: ClusterRef;
  /** restore jobs: the newest failed, newer than the newest completed (Flex and dedicated) */
  readonly failedRestore: { readonly flex: ClusterRef; readonly dedicated: ClusterRef };
  /** restore jobs: the newest completed restore is about 200 days old */
  readonly oldRestore: ClusterRef;
  /** collection-level restores: the newest successful one took 6.5 h */
  readonly slowRestore: ClusterRef;
  /** a copy setting for the weekly item only: the newest (6-hourly) snapshot is not copied */
  readonly uncopiedSnapshot: ClusterRef;
  /** a copy setting, the newest snapshot copied */
  readonly copiedSnapshot: ClusterRef;
  /** auto-export monthly, the last export 9 days ago, one in progress */
  readonly exportingDedicated: ClusterRef;
  /** auto-export monthly, no successful export for 55 days: overdue */
  readonly overdueExport: ClusterRef;
  /** auto-export yearly, the newest export failed after a successful one, a retry queued */
  readonly failedExport: ClusterRef;
  /** Backup Compliance Policy: an ACTIVE one, one UPDATING for 2 h, and a project without one (200 `{}`) */
  readonly compliancePolicy: {
    readonly active: ProjectRef;
    readonly updating: ProjectRef;
    readonly none: ProjectRef;
  };
  /**
   * dedicated, default policy (yearly kept 1 year), created 500 days ago, yet its oldest snapshot
   * is under 3 days old: its history is lost
   */
  readonly lostHistory: ClusterRef;
  /** dedicated with tags, retainBackups, termination protection and its provider's encryption at rest */
  readonly protectedDedicated: ClusterRef;
  /** events: the newest copy to the DR region failed (2 h ago), after one that succeeded */
  readonly copyFailing: ClusterRef;
  /** events: continuous backup's oplog behind for 45 min, no caught-up since */
  readonly oplogBehind: ClusterRef;
  /** events: a snapshot deleted by an API key 3 h ago (the audit names no cluster) */
  readonly snapshotDeletedByKey: ProjectRef;
  /**
   * online archives: an ACTIVE one (beside a DELETED one), a PAUSED one, an ORPHANED one, and a
   * cluster whose only archive is DELETED
   */
  readonly archives: {
    readonly active: ClusterRef;
    readonly paused: ClusterRef;
    readonly orphaned: ClusterRef;
    readonly deletedOnly: ClusterRef;
  };
  /** billing: its snapshot storage cost tripled on the newest usage day of the pending invoice */
  readonly costJump: ClusterRef;
  /** billing: a backup line item whose SKU no classifier knows (`other`) */
  readonly unknownBackupSku: ClusterRef;
}
