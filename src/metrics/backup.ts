import type { ClusterRecord, CollectorState, ProjectRecord } from '../collect/state.js';
import type { AnyCollector, AnyOrgCollector, AnyProjectCollector, Reading } from '../collectors/collector.js';
import { type Tag, type TagAllowList, tagLabels } from '../resources/tags.js';
import {
  CLUSTER_FAMILIES,
  CLUSTER_LABELS,
  cachedFor,
  type Family,
  PROJECT_FAMILIES,
  TAG_FAMILIES,
} from './catalog.js';
import { type Chunks, createChunks } from './chunks.js';
import { familyHeader, labelText, sampleLine, samplePrefix } from './writer.js';

/** The backup series of one refresh, and what the per-scrape age needs. */
export interface BackupText {
  /** every backup family but the age, the same in both formats: gauges only, no EOF; in pieces */
  readonly chunks: readonly Buffer[];
  /** the families computed at each scrape from the cached data: the contract's age exception */
  readonly ages: readonly AgeSamples[];
}

/**
 * One age family: for each cluster with a time to count from, its sample line up to the value,
 * made once per state rather than per scrape, and that time (Unix seconds).
 */
export interface AgeSamples {
  readonly name: string;
  readonly help: string;
  readonly samples: ReadonlyArray<readonly [string, number]>;
}

/** The ages of one collector's facts, per cluster. */
function agesOf(c: AnyCollector, clusters: readonly ClusterRecord[], base: readonly string[]): AgeSamples[] {
  if (!c.age) return [];
  const { name, help, since } = c.age;
  const samples: Array<readonly [string, number]> = [];
  clusters.forEach((r, i) => {
    const facts = r.readings.get(c.name)?.facts;
    const t = facts === undefined ? undefined : since(facts);
    if (t !== undefined) samples.push([samplePrefix(name, base[i] ?? ''), t]);
  });
  return [{ name, help, samples }];
}

/** A collector's success family: 1 when the last attempt read its list, 0 when not. */
function successFamily(success: { readonly name: string; readonly help: string }): Family<Reading<unknown>> {
  return { ...success, labels: [], value: (x) => (x.success ? 1 : 0) };
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
 * The families of the per-organisation collectors: each project in scope its part of its
 * organisation's facts, then each organisation's own, then their success. A project is looked up
 * in every organisation read: one named by id has no organisation of its own.
 */
function writeOrgCollectors(
  out: Chunks,
  header: (family: { name: string; help: string }) => void,
  state: CollectorState,
  projects: readonly ProjectRecord[],
  collectors: readonly AnyOrgCollector[],
): void {
  const orgs = [...(state.orgs ?? [])]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, readings]) => ({ base: labelText(['org_id'], [id]), readings }));
  for (const c of collectors) {
    const read = orgs.map((o) => ({ base: o.base, reading: o.readings.get(c.name) }));
    const facts = read.flatMap(({ reading }) => (reading?.facts === undefined ? [] : [reading.facts]));
    for (const family of c.projectFamilies) {
      header(family);
      for (const { group } of projects) {
        const part = facts.reduce<unknown>((found, f) => found ?? c.part(f, group.id), undefined);
        if (part !== undefined) writeSamples(out, family, part, labelText(['group_id'], [group.id]));
      }
    }
    for (const family of c.families) {
      header(family);
      for (const { base, reading } of read)
        if (reading?.facts !== undefined) writeSamples(out, family, reading.facts, base);
    }
    header(c.success);
    for (const { base, reading } of read)
      if (reading) out.push(sampleLine(c.success.name, base, reading.success ? 1 : 0));
  }
}

/** A tag family's sample: the subject's own labels, then its allowed tags in name order. */
function tagSample(name: string, base: string, tags: readonly Tag[], allow: TagAllowList): string {
  const [names, values] = tagLabels(tags, allow);
  const extra = labelText(names, values);
  return sampleLine(name, extra === '' ? base : `${base},${extra}`, 1);
}

/**
 * Encodes the backup series straight from the collector's state, family after family as the
 * catalog lists them. They change only when a refresh lands, so this runs once per refresh, not
 * once per scrape (see metrics.ts).
 */
export async function renderBackupText(
  state: CollectorState,
  cacheTtl: string,
  collectors: readonly AnyCollector[],
  /** every `--collector.<name>` value: an opt-in family is written only while its flag is on */
  options: Readonly<Record<string, boolean>> = {},
  /** --atlas.tag-labels; empty: no tag families */
  tags: TagAllowList = [],
  /** the enabled per-project collectors, whose families follow the projects' own */
  projectCollectors: readonly AnyProjectCollector[] = [],
  /** the enabled per-organisation collectors, whose families follow the per-project ones */
  orgCollectors: readonly AnyOrgCollector[] = [],
): Promise<BackupText> {
  const cached = cachedFor(cacheTtl);
  const out = createChunks();
  const header = (family: { name: string; help: string }) =>
    out.push(...familyHeader(family.name, family.help + cached, 'gauge', 'prometheus'));

  const projects = byKey(state.projects);
  for (const family of PROJECT_FAMILIES) {
    header(family);
    for (const project of projects) writeSamples(out, family, project, '');
  }
  for (const c of projectCollectors) {
    for (const family of c.families) {
      header(family);
      for (const project of projects) {
        const facts = project.readings?.get(c.name)?.facts;
        if (facts !== undefined)
          writeSamples(out, family, facts, labelText(['group_id'], [project.group.id]));
      }
    }
    if (!c.success) continue;
    header(c.success);
    const success = successFamily(c.success);
    for (const project of projects) {
      const read = project.readings?.get(c.name);
      if (read) writeSamples(out, success, read, labelText(['group_id'], [project.group.id]));
    }
  }
  writeOrgCollectors(out, header, state, projects, orgCollectors);
  if (tags.length > 0) {
    const family = TAG_FAMILIES.project;
    header(family);
    for (const { group } of byKey(state.projects))
      out.push(tagSample(family.name, labelText(family.labels, [group.id]), group.tags ?? [], tags));
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
  if (tags.length > 0) {
    const family = TAG_FAMILIES.cluster;
    header(family);
    await eachCluster((r, b) => out.push(tagSample(family.name, b, r.info.tags, tags)));
  }
  for (const c of collectors) {
    const reading = (r: ClusterRecord) => r.readings.get(c.name);
    for (const family of c.families.filter((f) => f.optIn === undefined || options[f.optIn])) {
      header(family);
      await eachCluster((r, b) => {
        const facts = reading(r)?.facts;
        if (facts !== undefined) writeSamples(out, family, facts, b);
      });
    }
    if (!c.success) continue;
    header(c.success);
    const success = successFamily(c.success);
    await eachCluster((r, b) => {
      const read = reading(r);
      if (read) writeSamples(out, success, read, b);
    });
  }

  const ages = collectors.flatMap((c) => agesOf(c, clusters, base));
  return { chunks: out.done(), ages };
}
