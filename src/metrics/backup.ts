import type { ClusterRecord, CollectorState } from '../collect/state.js';
import {
  AGE_FAMILY,
  CLUSTER_FAMILIES,
  CLUSTER_LABELS,
  cachedFor,
  type Family,
  PROJECT_FAMILIES,
  SNAPSHOT_FAMILIES,
} from './catalog.js';
import { familyHeader, labelText, sampleLine } from './writer.js';

/** The backup series of one refresh, and what the per-scrape age needs. */
export interface BackupText {
  /** every backup family but the age, the same in both formats: gauges only, no EOF; in pieces */
  readonly chunks: readonly Buffer[];
  /** base label text and newest completed snapshot time of each cluster that has one */
  readonly ages: ReadonlyArray<readonly [string, number]>;
}

/** Lines are turned into bytes this many at a time, with a turn of the event loop after each piece. */
const LINES_PER_CHUNK = 2000;

function byKey<T>(map: ReadonlyMap<string, T>): T[] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
}

/** Lines collected into Buffers of LINES_PER_CHUNK, yielding to the event loop between them. */
function createChunks() {
  const chunks: Buffer[] = [];
  let out: string[] = [];
  const cut = () => {
    if (out.length === 0) return;
    chunks.push(Buffer.from(`${out.join('\n')}\n`));
    out = [];
  };
  return {
    push: (...lines: string[]) => out.push(...lines),
    /** After a full chunk: a promise of the next turn of the event loop; otherwise nothing to wait for. */
    breathe(): Promise<void> | undefined {
      if (out.length < LINES_PER_CHUNK) return undefined;
      cut();
      return new Promise<void>((resolve) => setImmediate(resolve));
    },
    done: () => {
      cut();
      return chunks;
    },
  };
}

type Chunks = ReturnType<typeof createChunks>;

/** The samples of one family for one subject, after its base labels. */
function writeSamples<S>(out: Chunks, family: Family<S>, subject: S, base: string): void {
  if ('value' in family) {
    const v = family.value(subject);
    if (v !== undefined) out.push(sampleLine(family.name, base, v));
    return;
  }
  for (const [values, v] of family.samples(subject)) {
    const extra = labelText(family.labels, values);
    out.push(sampleLine(family.name, base === '' ? extra : `${base},${extra}`, v));
  }
}

/**
 * Encodes the backup series straight from the collector's state, family after family as the
 * catalog lists them. They change only when a refresh lands, so this runs once per refresh, not
 * once per scrape (see metrics.ts).
 */
export async function renderBackupText(
  state: CollectorState,
  cacheTtl: string,
  snapshotDetails: boolean,
): Promise<BackupText> {
  const cached = cachedFor(cacheTtl);
  const out = createChunks();
  const header = (family: { name: string; help: string }) =>
    out.push(...familyHeader(family.name, family.help + cached, 'gauge', 'prometheus'));

  for (const family of PROJECT_FAMILIES) {
    header(family);
    for (const project of byKey(state.projects)) writeSamples(out, family, project, '');
  }

  const clusters = byKey(state.clusters);
  const base = clusters.map((r) => labelText(CLUSTER_LABELS, [r.info.groupId, r.info.name, r.info.kind]));
  const eachCluster = async (write: (r: ClusterRecord, base: string) => void) => {
    for (let i = 0; i < clusters.length; i++) {
      write(clusters[i] as ClusterRecord, base[i] ?? '');
      const turn = out.breathe();
      if (turn) await turn;
    }
  };

  for (const family of CLUSTER_FAMILIES) {
    header(family);
    await eachCluster((r, b) => writeSamples(out, family, r, b));
  }
  if (snapshotDetails) {
    for (const family of SNAPSHOT_FAMILIES) {
      header(family);
      await eachCluster((r, b) => {
        for (const x of r.summary?.snapshots ?? []) if (x.id !== undefined) writeSamples(out, family, x, b);
      });
    }
  }

  const ages: Array<readonly [string, number]> = [];
  clusters.forEach((r, i) => {
    const t = AGE_FAMILY.since(r);
    if (t !== undefined) ages.push([base[i] ?? '', t]);
  });
  return { chunks: out.done(), ages };
}
