import type { ClusterRecord, CollectorState, ProjectRecord } from '../collect/state.js';
import type { Family, Samples } from './family.js';
import type { FamilyType } from './writer.js';

export type { Family, Samples } from './family.js';

/**
 * Every metric family of /metrics, declared once as data: name, help, type, labels and where its
 * value comes from. writer.ts turns them into text or OpenMetrics; nothing else names a family.
 */

/** A family of the exporter's own, fed as events happen (prom-client keeps the values). */
export interface EventFamily {
  readonly name: string;
  readonly help: string;
  readonly type: FamilyType;
  readonly labels: readonly string[];
  readonly buckets?: readonly number[];
}

/** Appended to the HELP of every family the cache serves. */
export const cachedFor = (cacheTtl: string) => ` Cached for --atlas.cache-ttl (${cacheTtl}).`;

const flag = (value: boolean) => (value ? 'true' : 'false');
const seconds = (ms: number | undefined) => (ms === undefined ? undefined : ms / 1000);
const backup = (suffix: string) => `mongodbatlas_backup_${suffix}`;
const own = (suffix: string) => `mongodbatlas_exporter_${suffix}`;

/**
 * The names of the families declared here, for what queries them (the mixin imports them: a
 * rename breaks its build instead of a dashboard). The event families carry their own names.
 */
export const CORE_FAMILY = {
  projectInfo: backup('project_info'),
  clusterInfo: backup('cluster_info'),
  clusterCreated: backup('cluster_created_timestamp_seconds'),
  expectedInterval: backup('expected_interval_seconds'),
  nextScheduledSnapshot: backup('next_scheduled_snapshot_timestamp_seconds'),
  restoreWindow: backup('restore_window_seconds'),
  lastEvent: backup('last_event_timestamp_seconds'),
  projectLastEvent: backup('project_last_event_timestamp_seconds'),
  collectSuccess: backup('collect_success'),
  lastCollectSuccess: backup('last_collect_success_timestamp_seconds'),
  up: own('up'),
  projectCollectSuccess: own('project_collect_success'),
  lastRefresh: own('last_refresh_timestamp_seconds'),
  refreshDuration: own('refresh_duration_seconds'),
  dataAge: own('data_age_seconds'),
} as const;
/** A map's entries by key, so the exposition does not follow the order events or reads came in. */
export const sorted = <K extends string, V>(map: ReadonlyMap<K, V> | undefined): [K, V][] =>
  [...(map ?? [])].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** The labels every per-cluster family starts with. */
export const CLUSTER_LABELS = ['group_id', 'cluster_name', 'cluster_kind'] as const;

export const PROJECT_FAMILIES: readonly Family<ProjectRecord>[] = [
  {
    name: CORE_FAMILY.projectInfo,
    help: 'An Atlas project in scope.',
    labels: ['group_id', 'group_name', 'org_id'],
    // A project id the listing does not know has no name or organisation to tell.
    samples: ({ group }) => (group.unlisted ? [] : [[[group.id, group.name, group.orgId], 1]]),
  },
  {
    name: CORE_FAMILY.projectLastEvent,
    help: "The newest backup audit event of this type in the project's events (and of the per-cluster types when it names no cluster), by who acted: api_key, user or atlas.",
    labels: ['group_id', 'event_type', 'actor'],
    samples: ({ group, backupEvents }) =>
      sorted(backupEvents?.project).flatMap(([type, byActor]) =>
        sorted(byActor).map(([actor, ms]) => [[group.id, type, actor], ms / 1000] as const),
      ),
  },
];

/**
 * The families of Atlas tags as labels, only with `--atlas.tag-labels`: apart from the info
 * series, so an added tag never changes the series every rule joins on. Their `tag_*` labels are
 * each subject's own (a cluster without the tag has no such label); `labels` names what comes first.
 */
export const TAG_FAMILIES = {
  project: {
    name: backup('project_labels'),
    help: "An Atlas project's tags allowed by --atlas.tag-labels, as tag_* labels.",
    labels: ['group_id'],
  },
  cluster: {
    name: backup('cluster_labels'),
    help: "A cluster's Atlas tags allowed by --atlas.tag-labels, as tag_* labels.",
    labels: CLUSTER_LABELS,
  },
} as const;

/** The per-cluster families of every cluster, in exposition order; the collectors' follow them. */
export const CLUSTER_FAMILIES: readonly Family<ClusterRecord>[] = [
  {
    name: CORE_FAMILY.clusterInfo,
    help: 'A cluster in scope and its backup settings.',
    labels: [
      'group_name',
      'state',
      'provider',
      'region',
      'mongodb_version',
      'tier',
      'topology',
      'backup_enabled',
      'pit_enabled',
      'paused',
      'retain_backups',
      'termination_protection',
      'encryption_at_rest',
    ],
    key: (r) => r.info,
    samples: ({ info }) => [
      [
        [
          info.groupName,
          info.state,
          info.provider,
          info.region,
          info.mongodbVersion,
          info.tier,
          info.topology,
          flag(info.backupEnabled),
          flag(info.pitEnabled),
          flag(info.paused),
          flag(info.retainBackups),
          flag(info.terminationProtection),
          info.encryptionAtRest,
        ],
        1,
      ],
    ],
  },
  {
    name: CORE_FAMILY.clusterCreated,
    help: "The cluster's creation time.",
    labels: [],
    key: (r) => r.info,
    value: (r) => r.info.createdAt,
  },
  {
    name: CORE_FAMILY.expectedInterval,
    help: 'How often Atlas should take a snapshot (dedicated: the shortest period of its backup policy).',
    labels: [],
    key: (r) => r.info,
    value: (r) => r.info.expectedIntervalSeconds,
  },
  {
    name: CORE_FAMILY.nextScheduledSnapshot,
    help: "Dedicated only: when the backup schedule's next snapshot is due (schedule read at most hourly).",
    labels: [],
    key: (r) => r.info,
    value: (r) => r.info.nextScheduledSnapshot,
  },
  {
    name: CORE_FAMILY.restoreWindow,
    help: "Dedicated with continuous backup only: the backup schedule's point-in-time window (restoreWindowDays).",
    labels: [],
    key: (r) => r.info,
    value: (r) => r.info.restoreWindowSeconds,
  },
  {
    name: CORE_FAMILY.collectSuccess,
    help: "1 if this cluster's snapshots were read on the last refresh; on 0 the values are the last good ones.",
    labels: [],
    key: (r) => r.collectSuccess,
    value: (r) => (r.collectSuccess ? 1 : 0),
  },
  {
    name: CORE_FAMILY.lastCollectSuccess,
    help: "When this cluster's snapshots were last found current (read, or unchanged since the last read).",
    labels: [],
    key: (r) => r.lastSuccessMs,
    value: (r) => seconds(r.lastSuccessMs),
  },
  {
    name: CORE_FAMILY.lastEvent,
    help: "The newest Cloud Backup failure or recovery event of this type that names this cluster in its project's events (read back --atlas.events-lookback at start).",
    labels: ['event_type'],
    key: (r) => r.backupEvents,
    samples: (r) => sorted(r.backupEvents).map(([type, ms]) => [[type], ms / 1000] as const),
  },
];

/** Seconds of a time in ms, or no sample while it is unknown (a 0 would read as "fresh"). */
const secondsSample = (ms: number | undefined): Samples => (ms === undefined ? [] : [[[], ms / 1000]]);

/** The exporter's own gauges read from the collector's state at each scrape. */
export const STATE_FAMILIES: readonly {
  readonly name: string;
  readonly help: string;
  readonly labels: readonly string[];
  readonly samples: (state: CollectorState, nowMs: number) => Samples;
}[] = [
  {
    name: CORE_FAMILY.up,
    help: '1 if the last refresh authenticated and listed projects; 0 otherwise.',
    labels: [],
    samples: (s) => [[[], s.up ? 1 : 0]],
  },
  {
    name: CORE_FAMILY.projectCollectSuccess,
    help: "1 if this project's clusters of this kind were listed on the last refresh.",
    labels: ['group_id', 'cluster_kind'],
    samples: (s) =>
      [...s.projects.values()].flatMap(({ group, listed }) =>
        [...listed].map(([kind, ok]) => [[group.id, kind], ok ? 1 : 0] as const),
      ),
  },
  {
    name: CORE_FAMILY.lastRefresh,
    help: 'End of the last refresh, whatever its result.',
    labels: [],
    samples: (s) => secondsSample(s.lastRefreshEndMs),
  },
  {
    name: CORE_FAMILY.refreshDuration,
    help: 'Length of the last refresh.',
    labels: [],
    samples: (s) => secondsSample(s.lastRefreshDurationMs),
  },
  {
    name: CORE_FAMILY.dataAge,
    help: 'Age of the backup data this scrape serves.',
    labels: [],
    samples: (s, nowMs) =>
      secondsSample(s.dataTimeMs === undefined ? undefined : Math.max(0, nowMs - s.dataTimeMs)),
  },
];

/** The exporter's own families fed as things happen (refreshes, Atlas requests), or set at start. */
export const EVENT_FAMILIES = {
  refreshes: {
    name: own('refreshes_total'),
    help: 'Refreshes run, by result.',
    type: 'counter',
    labels: ['result'],
  },
  apiRequests: {
    name: own('api_requests_total'),
    help: 'Atlas API requests by endpoint and HTTP status (or timeout / network_error).',
    type: 'counter',
    labels: ['endpoint', 'code'],
  },
  apiAuthChallenges: {
    name: own('api_auth_challenges_total'),
    help: 'Digest challenges answered (the first 401 of an API-key conversation, a stale nonce); not counted in api_requests_total.',
    type: 'counter',
    labels: ['endpoint'],
  },
  apiDuration: {
    name: own('api_request_duration_seconds'),
    help: 'Atlas API request latency.',
    type: 'histogram',
    labels: ['endpoint'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  },
  apiRetries: {
    name: own('api_retries_total'),
    help: 'Atlas API requests retried, by reason.',
    type: 'counter',
    labels: ['endpoint', 'reason'],
  },
  rateLimitRemaining: {
    name: own('api_rate_limit_remaining'),
    help: 'The last RateLimit-Remaining Atlas sent.',
    type: 'gauge',
    labels: ['endpoint'],
  },
  rateLimitCapacity: {
    name: own('api_rate_limit_capacity'),
    help: "The last RateLimit-Limit Atlas sent: the capacity of the endpoint's token bucket.",
    type: 'gauge',
    labels: ['endpoint'],
  },
  sunset: {
    name: own('api_sunset_timestamp_seconds'),
    help: 'The Sunset date Atlas announced for an endpoint we call.',
    type: 'gauge',
    labels: ['endpoint'],
  },
  // Always exported (0 and 1 when not sharded), so the sharding alerts and panels have data on a
  // single exporter too; `_shards`, not `_shard_count`: promtool reserves `_count` for histograms.
  shardIndex: {
    name: own('shard_index'),
    help: "This exporter's --shard.index: it reads the projects that hash to it.",
    type: 'gauge',
    labels: [],
  },
  shards: {
    name: own('shards'),
    help: "This exporter's --shard.total: how many exporters share the projects.",
    type: 'gauge',
    labels: [],
  },
  buildInfo: {
    name: own('build_info'),
    help: 'Build information of the exporter.',
    type: 'gauge',
    labels: ['version', 'revision', 'nodejs_version'],
  },
} as const satisfies Record<string, EventFamily>;
