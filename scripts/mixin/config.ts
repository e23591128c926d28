import {
  EXPORT_OVERDUE_FACTOR,
  HISTORY_SHORT_FRACTION,
  OVERDUE_FACTOR,
} from '../../src/status/backup-status.js';

/**
 * The one place to tune the shipped alerts and dashboards: edit, then `npm run mixin` regenerates
 * alerts/atlas-backup.yml and dashboards/*.json (a test fails while the committed files differ).
 */
export const config = {
  /** Matchers the alerts add to every selector, e.g. `job="atlas-backup"`; empty: every exporter. */
  alertSelector: '',
  /** Where each alert's runbook_url points; the anchor is the alert name in lower case. */
  runbookUrl: 'https://github.com/atlas-backup-exporter/atlas-backup-exporter/blob/main/docs/runbook.md',
  thresholds: {
    /** newest completed snapshot older than this many expected intervals: warning; also the page's `overdue` */
    overdueWarningFactor: OVERDUE_FACTOR,
    /** … and this many: critical */
    overdueCriticalFactor: 3,
    /** a cluster older than this many intervals should have a completed snapshot */
    firstSnapshotGraceFactor: 2,
    /** a pending, queued or running snapshot older than this is stuck */
    stuckSeconds: 2 * 3600,
    /** a cluster whose snapshots were not read for this long */
    notCollectedSeconds: 30 * 60,
    /** an announced Sunset this close (or already past) */
    sunsetWarningSeconds: 30 * 86400,
    /** window in which any 429 counts as rate limiting */
    rateLimitedWindow: '15m',
    /** a restore pending, queued or in progress for this long (downloads excluded): stuck */
    restoreRunningSeconds: 2 * 3600,
    /** auto-export on and no successful export for this many of its intervals (monthly 31 d, yearly 366 d) */
    exportOverdueFactor: EXPORT_OVERDUE_FACTOR,
    /**
     * The recovery-time target: the newest completed restore took longer (where Atlas gives both
     * ends: Flex restores, collection-level restores of dedicated clusters)
     */
    recoveryTimeTargetSeconds: 4 * 3600,
    /** the oldest snapshot younger than this part of the longest retention: history lost */
    historyShortFraction: HISTORY_SHORT_FRACTION,
    /** continuous backup behind for this long without catching up: point-in-time restore at risk */
    oplogBehindSeconds: 30 * 60,
    /** how long an audit event (a snapshot deleted by hand, a compliance-policy disable request) alerts */
    auditWindowSeconds: 24 * 3600,
    /** a cluster's backup charges of the invoice's newest day over this many times its 7-day average */
    costJumpFactor: 1.5,
    /** … and over this many dollars that day: a jump of cents is no news */
    costJumpMinDailyDollars: 1,
  },
  /**
   * Opt-in, because not every team drills: alert when a cluster whose restore jobs are read
   * (--collector.restore-jobs, restore_collect_success 1) has no completed restore in `days`.
   */
  restoreDrill: { enabled: false as boolean, days: 90 as number },
  /**
   * Opt-in, because it would fire for many teams on day one: AWS Backup Audit Manager's "backup
   * plan minimum frequency and minimum retention" control, with its defaults (a snapshot at least
   * daily, kept at least 35 days), for dedicated clusters' backup policies.
   */
  policyMinimum: {
    enabled: false as boolean,
    frequencySeconds: 86400 as number,
    retentionDays: 35 as number,
  },
  /** `for:` of each alert: long enough to ride out one bad refresh, short enough to matter. */
  for: {
    overdue: '15m',
    noSnapshot: '30m',
    failed: '15m',
    stuck: '15m',
    notCollected: '5m',
    projectNotCollected: '30m',
    exporterAbsent: '15m',
    atlasUnreachable: '15m',
    rateLimited: '15m',
    sunset: '1h',
    shards: '15m',
    restoreFailed: '15m',
    restoreRunning: '15m',
    restoreSlow: '15m',
    restoreDrill: '1h',
    exportOverdue: '30m',
    exportFailed: '15m',
    historyShort: '1h',
    policyMinimum: '1h',
    copyFailing: '15m',
    oplogBehind: '5m',
    audit: '5m',
    /** an archive set up and dropped within the hour is not worth a note; reads are hourly anyway */
    onlineArchive: '1h',
    /** a policy enabling, updating or disabling for longer than an hour */
    compliancePolicyNotActive: '1h',
    // the daily cost moves once a day: an hour rides out a late or repeated read
    costJump: '1h',
  },
  dashboards: {
    tag: 'atlas-backup',
    uids: {
      overview: 'atlas-backup-overview',
      cluster: 'atlas-backup-cluster',
      exporter: 'atlas-backup-exporter',
    },
  },
} as const;

export type Thresholds = typeof config.thresholds;
export type Config = typeof config;
