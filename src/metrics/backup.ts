import type { ClusterRecord, CollectorState } from '../collect/state.js';
import type { AnyCollector, Reading } from '../collectors/collector.js';
import {
  AGE_FAMILY,
  CLUSTER_FAMILIES,
  CLUSTER_LABELS,
  cachedFor,
  type Family,
  PROJECT_FAMILIES,
  SNAPSHOT_FAMILIES,
} from './catalog.js';
import { type Chunks, createChunks } from './chunks.js';
import { familyHeader, labelText, sampleLine, samplePrefix } from './writer.js';

/** The backup series of one refresh, and what the per-scrape age needs. */
export interface BackupText {
  /** every backup family but the age, the same in both formats: gauges only, no EOF; in pieces */
  readonly chunks: readonly Buffer[];
  /**
   * for each cluster that has a completed snapshot: its age sample line up to the value, made
   * once per state rather than per scrape, and the time its age counts from
   */
  readonly ages: ReadonlyArray<readonly [string, number]>;
}

function byKey<T>(map: ReadonlyMap<string, T>): T[] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
}

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
  collectors: readonly AnyCollector[] = [],
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
  for (const c of collectors) {
    const reading = (r: ClusterRecord) => r.readings.get(c.name);
    for (const family of c.families) {
      header(family);
      await eachCluster((r, b) => {
        const facts = reading(r)?.facts;
        if (facts !== undefined) writeSamples(out, family, facts, b);
      });
    }
    header(c.success);
    const success: Family<Reading<unknown>> = { ...c.success, labels: [], value: (x) => (x.success ? 1 : 0) };
    await eachCluster((r, b) => {
      const read = reading(r);
      if (read) writeSamples(out, success, read, b);
    });
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
    if (t !== undefined) ages.push([samplePrefix(AGE_FAMILY.name, base[i] ?? ''), t]);
  });
  return { chunks: out.done(), ages };
}
