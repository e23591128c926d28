import { backupName } from '../../metrics/family.js';
import { listAll } from '../../resources/list-all.js';
import { type ClusterNote, defineCollector, recheckDue } from '../collector.js';
import { onlineArchivesEndpoint } from './endpoints.js';
import { parseOnlineArchive } from './schema.js';
import { type ArchiveSummary, archivesOutsideBackups, summariseOnlineArchives } from './transform.js';

/**
 * Whether a dedicated cluster's tier has Online Archive: M10 and up. The dedicated kind lists no
 * free or shared cluster (their regions say TENANT), so this only guards against one listed with
 * a tier under 10 (M0, M2, M5). A size with letters after its number (R40, M40_NVME, M40_LOWCPU)
 * is the dedicated tier of that number; a tier we cannot read is read all the same: every
 * dedicated cluster is M10 or more, and a wrong guess costs one refused request.
 */
export function archivableTier(tier: string): boolean {
  const size = /^[A-Z]+(\d+)/i.exec(tier)?.[1];
  return size === undefined || Number(size) >= 10;
}

/** "online archive outside backups" while a cluster holds one that is not deleted, as the alert says. */
export function archiveNotes(facts: ArchiveSummary): ClusterNote[] {
  const held = archivesOutsideBackups(facts);
  if (held === 0) return [];
  return [
    { text: held === 1 ? 'online archive outside backups' : `${held} online archives outside backups` },
  ];
}

/** Its family names, exported for the mixin's queries (a rename breaks their build). */
export const ONLINE_ARCHIVE_FAMILY = {
  archives: backupName('online_archives'),
  success: backupName('online_archive_collect_success'),
} as const;

/**
 * The online archives of dedicated clusters: Atlas's cluster backups do not include archived
 * data, and nothing else says so. Archives are configuration that changes by hand: read at most
 * once per recheck interval.
 */
export const onlineArchives = defineCollector<ArchiveSummary>({
  name: 'online-archives',
  flag: {
    name: 'online-archives',
    help: 'Export Online Archive series (Project Read Only) for dedicated clusters of tier M10 and up: cluster backups do not include archived data. Read at most once per --atlas.snapshot-recheck-interval. On with --demo unless set.',
    default: false,
    onInDemo: true,
  },
  noun: 'online-archive list',
  failure: 'cannot read online archives',
  endpoints: { dedicated: ['online_archives'] },
  role: { dedicated: 'Project Read Only' },
  // Not only clusters with backup: archived data is outside backups whether or not they are on.
  applies: (info) => archivableTier(info.tier),
  mustRead: recheckDue,
  notes: archiveNotes,
  async read(info, ctx) {
    const endpoint = onlineArchivesEndpoint(info.groupId, info.name);
    return summariseOnlineArchives(await listAll(ctx.client, endpoint, parseOnlineArchive, ctx.signal));
  },
  families: [
    {
      name: ONLINE_ARCHIVE_FAMILY.archives,
      help: "Online archives Atlas lists for the cluster, by state (snake_case of Atlas's). Cluster backups do not include archived data.",
      labels: ['state'],
      samples: (s) => s.counts.map((c) => [[c.state], c.count]),
    },
  ],
  success: {
    name: ONLINE_ARCHIVE_FAMILY.success,
    help: "1 if this cluster's online archives were read on the last attempt; on 0 the values are the last good ones.",
  },
});
