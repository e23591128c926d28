import type { ClusterRecord, CollectorState, ProjectRecord } from '../collect/state.js';
import type { AnyCollector, AnyOrgCollector, AnyProjectCollector, Reading } from '../collectors/collector.js';
import { type Tag, type TagAllowList, tagLabels } from '../resources/tags.js';
import {
  CLUSTER_FAMILIES,
  CLUSTER_LABELS,
  cachedFor,
  type Family,
  PROJECT_FAMILIES,
  sorted,
  TAG_FAMILIES,
} from './catalog.js';
import { CHUNK_BYTES, type Chunks, createChunks } from './chunks.js';
import { familyHeader, labelText, sampleLine, samplePrefix } from './writer.js';

/** The backup series of one refresh, and what the per-scrape age needs. */
export interface BackupText {
  /** every backup family but the age, the same in both formats: gauges only, no EOF; in pieces */
  readonly chunks: readonly Buffer[];
  /** the families computed at each scrape from the cached data: the contract's age exception */
  readonly ages: readonly AgeSamples[];
  /** each cluster's row in the per-cluster families, by its key in the state */
  readonly rows: ReadonlyMap<string, number>;
  /** each row's own labels, as label text: they follow from its key */
  readonly base: readonly string[];
  /** the per-cluster families, in page order */
  readonly families: readonly ClusterFamilyText[];
}

/**
 * One per-cluster family of a page: its header and samples in pieces of their own, per row the
 * key its lines were made from (Family.key) and where they went, 3 numbers a row.
 */
export interface ClusterFamilyText {
  readonly name: string;
  readonly chunks: readonly Buffer[];
  readonly keys: readonly unknown[];
  readonly places: Uint32Array;
  /** per piece, its first row; then the number of rows: piece k holds rows firstRows[k] to firstRows[k + 1] */
  readonly firstRows: Uint32Array;
}

/**
 * One age family: for each cluster with a time to count from, its sample line up to the value,
 * made once per state rather than per scrape, and that time (Unix seconds).
 */
export interface AgeSamples {
  readonly name: string;
  readonly help: string;
  /** per row: its line up to the value and its time, or none without a time */
  readonly samples: ReadonlyArray<readonly [string, number] | undefined>;
  /** per row, the facts its sample was made from */
  readonly facts: readonly unknown[];
}

/**
 * The ages of one collector's facts, per cluster; a cluster whose facts are those it had in
 * `last` (the family on the last page, where it was row `rowOf(i)`) keeps its sample.
 */
function agesOf(
  c: AnyCollector,
  clusters: readonly ClusterRecord[],
  base: readonly string[],
  last: AgeSamples | undefined,
  rowOf: (row: number) => number,
): AgeSamples[] {
  if (!c.age) return [];
  const { name, help, since } = c.age;
  const facts = clusters.map((r) => r.readings.get(c.name)?.facts);
  const samples = facts.map((f, i) => {
    const row = rowOf(i);
    if (last && row >= 0 && last.facts[row] === f) return last.samples[row];
    const t = f === undefined ? undefined : since(f);
    return t === undefined ? undefined : ([samplePrefix(name, base[i] ?? ''), t] as const);
  });
  return [{ name, help, samples, facts }];
}

/** A collector's success family: 1 when the last attempt read its list, 0 when not. */
function successFamily(success: { readonly name: string; readonly help: string }): Family<Reading<unknown>> {
  return { ...success, labels: [], key: (x) => x.success, value: (x) => (x.success ? 1 : 0) };
}

/** The sample lines of one family for one subject, after its base labels, each ending in a newline. */
function samplesText<S>(family: Family<S>, subject: S, base: string): string {
  if ('value' in family) {
    const v = family.value(subject);
    return v === undefined ? '' : `${sampleLine(family.name, base, v)}\n`;
  }
  let text = '';
  for (const [values, v] of family.samples(subject)) {
    const extra = labelText(family.labels, values);
    text += `${sampleLine(family.name, base === '' ? extra : `${base},${extra}`, v)}\n`;
  }
  return text;
}

/** The samples of one family for one subject, after its base labels. */
function writeSamples<S>(out: Chunks, family: Family<S>, subject: S, base: string): void {
  const text = samplesText(family, subject, base);
  if (text !== '') out.write(text);
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
  const orgs = sorted(state.orgs).map(([id, readings]) => ({ base: labelText(['org_id'], [id]), readings }));
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

/** What the backup page is made from besides the state: the exporter's settings, fixed while it runs. */
export interface PageSettings {
  readonly cacheTtl: string;
  readonly collectors: readonly AnyCollector[];
  /** every `--collector.<name>` value: an opt-in family is written only while its flag is on */
  readonly options?: Readonly<Record<string, boolean>>;
  /** --atlas.tag-labels; none or empty: no tag families */
  readonly tagLabels?: TagAllowList;
  /** the enabled per-project collectors, whose families follow the projects' own */
  readonly projectCollectors?: readonly AnyProjectCollector[];
  /** the enabled per-organisation collectors, whose families follow the per-project ones */
  readonly orgCollectors?: readonly AnyOrgCollector[];
}

/** Per piece, the first row placed in it, then the number of rows: rows fill the pieces in order. */
function firstRows(places: Uint32Array, pieces: number): Uint32Array {
  const rows = places.length / 3;
  const first = new Uint32Array(pieces + 1).fill(rows);
  for (let i = rows - 1; i >= 0; i--) first[places[i * 3] ?? 0] = i;
  for (let k = pieces - 1; k >= 0; k--) first[k] = Math.min(first[k] ?? rows, first[k + 1] ?? rows);
  return first;
}

/**
 * The records of the last page's clusters, in its order, when the state holds those clusters and
 * no other: a lookup each instead of a sort of keys that at L are 5,000 strings of 40 characters
 * and more, and each cluster keeps its row.
 */
function sameClusters(
  clusters: ReadonlyMap<string, ClusterRecord>,
  previous?: BackupText,
): ClusterRecord[] | undefined {
  if (previous?.rows.size !== clusters.size) return undefined;
  const records: ClusterRecord[] = [];
  for (const key of previous.rows.keys()) {
    const record = clusters.get(key);
    if (record === undefined) return undefined;
    records.push(record);
  }
  return records;
}

/**
 * The clusters in key order, their rows by key and, unless they are the last page's in its
 * order, each one's row on the last page (-1: not there).
 */
function clusterRows(clusters: ReadonlyMap<string, ClusterRecord>, previous?: BackupText) {
  const kept = sameClusters(clusters, previous);
  if (kept && previous) return { records: kept, rows: previous.rows, rowBefore: undefined };
  const entries = sorted(clusters);
  return {
    records: entries.map(([, r]) => r),
    rows: new Map(entries.map(([key], i) => [key, i])),
    rowBefore: entries.map(([key]) => previous?.rows.get(key) ?? -1),
  };
}

/** What each per-cluster family of a page is made with. */
interface PageRows {
  /** each row's own labels, as label text */
  readonly base: readonly string[];
  /** a row's row on the last page, -1 if it was not there */
  readonly rowOf: (row: number) => number;
  /** the clusters are the last page's, each in its row */
  readonly same: boolean;
  /** appended to each family's HELP */
  readonly cached: string;
  /** whether a family's keys are those of the last page */
  readonly equal: (keys: readonly unknown[], last: readonly unknown[]) => boolean;
}

/**
 * Whether two arrays of keys hold the same keys, the last answer kept: the families of one
 * collector share their keys (its facts, in rows), so they are compared once, not once a family.
 */
function keysComparer() {
  let answered: { keys: readonly unknown[]; last: readonly unknown[]; equal: boolean } | undefined;
  return (keys: readonly unknown[], last: readonly unknown[]): boolean => {
    if (answered?.keys !== keys || answered.last !== last)
      answered = { keys, last, equal: keys.length === last.length && keys.every((k, i) => k === last[i]) };
    return answered.equal;
  };
}

/** The piece of `firstRows` (ascending) whose first row is `row` and that holds rows; -1 if none. */
function pieceStartingAt(firstRows: Uint32Array, row: number): number {
  let low = 0;
  let high = firstRows.length - 2;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const first = firstRows[mid] ?? 0;
    // of the pieces that start at a row, only the last holds rows
    if (first < row || (first === row && (firstRows[mid + 1] ?? 0) === row)) low = mid + 1;
    else if (first > row) high = mid - 1;
    else return mid;
  }
  return -1;
}

/**
 * One per-cluster family: `last` (the same family on the last page) whole when every cluster
 * and key is as it was. Else made anew, row after row: where the rows of a piece of `last` follow
 * each other again with their keys unchanged, even moved by clusters that came or went before
 * them, that piece is taken as it is (with its deflate, see metrics.ts); the other rows are
 * written again, the unchanged ones that lay side by side copied as bytes in one go.
 */
async function familyText<S>(
  rows: PageRows,
  family: Family<S>,
  subjects: ReadonlyArray<S | undefined>,
  text: (subject: S, base: string) => string,
  last: ClusterFamilyText | undefined,
): Promise<ClusterFamilyText> {
  // Family.key, or the subject itself; no subject, no lines
  const { key } = family;
  const keys = key ? subjects.map((s) => (s === undefined ? undefined : key(s))) : subjects;
  if (last && rows.same && rows.equal(keys, last.keys)) return last;
  const part = createChunks();
  const places = new Uint32Array(keys.length * 3);
  const place = (i: number, chunk: number, offset: number, length: number) => {
    places[i * 3] = chunk;
    places[i * 3 + 1] = offset;
    places[i * 3 + 2] = length;
  };
  /** Whether row `i` is row `row` of `last` with its key unchanged. */
  const kept = (i: number, row: number) => rows.rowOf(i) === row && keys[i] === last?.keys[row];
  /** Places rows `i` on as rows `row` on of `last`, `n` of them, now in piece `chunk` and moved by `shift` bytes. */
  const placeAs = (
    last: ClusterFamilyText,
    i: number,
    row: number,
    n: number,
    chunk: number,
    shift: number,
  ) => {
    for (let j = 0; j < n; j++)
      place(i + j, chunk, (last.places[(row + j) * 3 + 1] ?? 0) + shift, last.places[(row + j) * 3 + 2] ?? 0);
  };
  /** Takes piece `k` of `last` for its rows, from row `at` on, if they are there unchanged; how many rows it holds, or -1. */
  const reused = (last: ClusterFamilyText, k: number, at: number): number => {
    const from = last.firstRows[k] ?? 0;
    const count = (last.firstRows[k + 1] ?? 0) - from;
    const size = last.chunks[k]?.length ?? 0;
    // A piece cut short that would fit after the rows being written goes with them, and so does
    // one cut short that is not a family's last: pieces do not split further and further.
    const short = size < CHUNK_BYTES / 2 && k < last.chunks.length - 1;
    const filling = part.filling();
    if (short || (filling > 0 && filling + size <= CHUNK_BYTES)) return -1;
    if (at + count > keys.length) return -1;
    for (let j = 0; j < count; j++) if (!kept(at + j, from + j)) return -1;
    placeAs(last, at, from, count, part.reuse(last.chunks[k] as Buffer), 0);
    return count;
  };
  /**
   * Copies row `i`, row `row` of `last` unchanged, with the unchanged rows after it that lie next
   * to it in the same piece there, in one go: at L a refresh rewrites most pieces of a family for
   * a few changed rows, and a copy per row was a third of the page's build.
   */
  const copied = (last: ClusterFamilyText, i: number, row: number): number => {
    const chunk = last.places[row * 3] ?? 0;
    const start = last.places[row * 3 + 1] ?? 0;
    let end = start + (last.places[row * 3 + 2] ?? 0);
    let n = 1;
    // rows fill the pieces in order: those of one piece lie side by side
    for (; i + n < keys.length && kept(i + n, row + n) && last.places[(row + n) * 3] === chunk; n++)
      end += last.places[(row + n) * 3 + 2] ?? 0;
    const [at, offset] = part.copy(last.chunks, chunk, start, end - start);
    placeAs(last, i, row, n, at, offset - start);
    return n;
  };
  // the first piece holds the header
  let i = last && last.chunks.length > 0 ? reused(last, 0, 0) : -1;
  if (i < 0) {
    part.push(...familyHeader(family.name, family.help + rows.cached, 'gauge', 'prometheus'));
    i = 0;
  }
  while (i < keys.length) {
    const row = rows.rowOf(i);
    const k = last && row >= 0 ? pieceStartingAt(last.firstRows, row) : -1;
    const count = last && k > 0 ? reused(last, k, i) : -1;
    if (count > 0) i += count;
    else if (last && row >= 0 && kept(i, row)) i += copied(last, i, row);
    else {
      const s = subjects[i];
      place(i, ...part.write(s === undefined ? '' : text(s, rows.base[i] ?? '')));
      i++;
    }
    const turn = part.breathe();
    if (turn) await turn;
  }
  const chunks = part.done();
  return { name: family.name, chunks, keys, places, firstRows: firstRows(places, chunks.length) };
}

/**
 * Encodes the backup series straight from the collector's state, family after family as the
 * catalog lists them. They change only when a refresh lands, so this runs once per refresh, not
 * once per scrape (see metrics.ts). A cluster's lines of a family are copied as bytes from
 * `previous` (the last page) while their key is the same object or value as then: a refresh
 * changes few clusters, so a page costs little more than copying the last one.
 */
export async function renderBackupText(
  state: CollectorState,
  settings: PageSettings,
  previous?: BackupText,
): Promise<BackupText> {
  const { collectors, options = {}, tagLabels: tags = [] } = settings;
  const cached = cachedFor(settings.cacheTtl);
  const out = createChunks();
  const header = (family: { name: string; help: string }) =>
    out.push(...familyHeader(family.name, family.help + cached, 'gauge', 'prometheus'));

  const projects = sorted(state.projects).map(([, project]) => project);
  for (const family of PROJECT_FAMILIES) {
    header(family);
    for (const project of projects) writeSamples(out, family, project, '');
  }
  for (const c of settings.projectCollectors ?? []) {
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
  writeOrgCollectors(out, header, state, projects, settings.orgCollectors ?? []);
  if (tags.length > 0) {
    const family = TAG_FAMILIES.project;
    header(family);
    for (const { group } of projects)
      out.push(tagSample(family.name, labelText(family.labels, [group.id]), group.tags ?? [], tags));
  }

  const head = out.done();
  const { records: clusters, rows, rowBefore } = clusterRows(state.clusters, previous);
  const sameRows = rowBefore === undefined;
  const rowOf = (i: number) => (rowBefore ? (rowBefore[i] ?? -1) : i);
  const base = clusters.map(
    (r, i) =>
      previous?.base[rowOf(i)] ?? labelText(CLUSTER_LABELS, [r.info.groupId, r.info.name, r.info.kind]),
  );
  const families: ClusterFamilyText[] = [];
  const pageRows = { base, rowOf, same: sameRows, cached, equal: keysComparer() };
  const eachCluster = async <S>(
    family: Family<S>,
    subjects: ReadonlyArray<S | undefined>,
    text: (subject: S, base: string) => string,
  ) => {
    const found = previous?.families[families.length];
    const last = found?.name === family.name ? found : undefined;
    families.push(await familyText(pageRows, family, subjects, text, last));
  };
  const samples =
    <S>(family: Family<S>) =>
    (subject: S, b: string) =>
      samplesText(family, subject, b);

  for (const family of CLUSTER_FAMILIES) await eachCluster(family, clusters, samples(family));
  if (tags.length > 0) {
    const family = { ...TAG_FAMILIES.cluster, key: (r: ClusterRecord) => r.info, value: () => 1 };
    await eachCluster(family, clusters, (r, b) => `${tagSample(family.name, b, r.info.tags, tags)}\n`);
  }
  for (const c of collectors) {
    const readings = clusters.map((r) => r.readings.get(c.name));
    const facts = readings.map((reading) => reading?.facts);
    for (const family of c.families.filter((f) => f.optIn === undefined || options[f.optIn]))
      await eachCluster(family, facts, samples(family));
    if (!c.success) continue;
    const success = successFamily(c.success);
    await eachCluster(success, readings, samples(success));
  }

  const lastAges = (name: string | undefined) => previous?.ages.find((a) => a.name === name);
  const ages = collectors.flatMap((c) => agesOf(c, clusters, base, lastAges(c.age?.name), rowOf));
  return {
    chunks: [head, ...families.map((f) => f.chunks)].flat(),
    ages,
    rows,
    base,
    families,
  };
}
