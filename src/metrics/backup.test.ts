import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ClusterRecord, CollectorState } from '../collect/state.js';
import { EMPTY_STATE } from '../collect/state.js';
import type { AnyCollector } from '../collectors/collector.js';
import { fromFlexSnapshot } from '../collectors/snapshots/flex-snapshot.js';
import { summarise } from '../collectors/snapshots/summary.js';
import { DEFAULT_COLLECTORS, snapshotReadings } from '../collectors/test-readings.js';
import { fromFlexCluster } from '../kinds/flex/transform.js';
import { type BackupText, renderBackupText } from './backup.js';
import { CHUNK_BYTES } from './chunks.js';
import { deflatePiece, gzipPrefix, gzipWithTail } from './gzip-parts.js';

const now = 1_800_000_000;
const group = { id: 'a'.repeat(24), name: 'R&D "prod"', orgId: 'b'.repeat(24) };

function cluster(name: string, snapshotAge: number): ClusterRecord {
  return {
    info: fromFlexCluster(group, { name, groupId: group.id, backupEnabled: true, stateName: 'IDLE' }),
    collectSuccess: true,
    lastReadMs: now * 1000,
    lastSuccessMs: now * 1000,
    firstSeenMs: 0,
    error: undefined,
    readings: snapshotReadings(
      summarise([fromFlexSnapshot({ status: 'COMPLETED', startTime: now - snapshotAge })]),
    ),
  };
}

const stateOf = (clusters: readonly ClusterRecord[]): CollectorState => ({
  ...EMPTY_STATE,
  clusters: new Map(clusters.map((c) => [`${c.info.groupId}/${c.info.kind}/${c.info.name}`, c])),
});

const text = (page: BackupText) => Buffer.concat(page.chunks).toString('utf8');

/** The default collectors, their families counting the subjects they make lines for. */
function counted(): { collectors: AnyCollector[]; made: () => number } {
  let made = 0;
  const collectors = DEFAULT_COLLECTORS.map((c) => ({
    ...c,
    families: c.families.map((f) =>
      'value' in f
        ? {
            ...f,
            value: (s: unknown) => {
              made++;
              return f.value(s);
            },
          }
        : f,
    ),
  })) as AnyCollector[];
  return { collectors, made: () => made };
}

describe('a page made from the last one', () => {
  const names = Array.from({ length: 400 }, (_, i) => `cluster-${i}`);
  const first = names.map((n, i) => cluster(n, 60 * i));

  it('equals a page made from nothing, whatever changed between them', async () => {
    const settings = { cacheTtl: '5m', collectors: DEFAULT_COLLECTORS };
    const last = await renderBackupText(stateOf(first), settings);
    const [a, b, c, d] = first;
    const next = [
      // lines of another length in the same place
      { ...(a as ClusterRecord), info: { ...(a as ClusterRecord).info, mongodbVersion: '8.0.12-long' } },
      cluster((b as ClusterRecord).info.name, 7),
      { ...(c as ClusterRecord), collectSuccess: false, lastSuccessMs: undefined },
      { ...(d as ClusterRecord), readings: new Map() },
      ...first.slice(5, 200),
      cluster('added-between', 5),
      ...first.slice(200),
    ];
    const fromLast = await renderBackupText(stateOf(next), settings, last);
    const fromNothing = await renderBackupText(stateOf(next), settings);
    expect(text(fromLast)).toBe(text(fromNothing));
    expect(text(fromLast)).not.toBe(text(last));
  });

  it('places the lines of text that is not ASCII, so that the next page copies them whole', async () => {
    const settings = { cacheTtl: '5m', collectors: DEFAULT_COLLECTORS };
    const named = (r: ClusterRecord, version: string): ClusterRecord => ({
      ...r,
      info: { ...r.info, groupName: 'Équipe données ☃', mongodbVersion: version },
    });
    const clusters = first.map((r) => named(r, '8.0.1'));
    let page = await renderBackupText(stateOf(clusters), settings);
    // rows side by side written again, then copied by the page after
    const changed = clusters.map((r, i) => (i >= 3 && i <= 6 ? named(r, '8.0.2') : r));
    page = await renderBackupText(stateOf(changed), settings, page);
    const after = changed.map((r, i) => (i === 100 ? named(r, '8.0.3') : r));
    page = await renderBackupText(stateOf(after), settings, page);
    expect(text(page)).toBe(text(await renderBackupText(stateOf(after), settings)));
  });

  it('sorts the clusters again when as many come but not the same ones', async () => {
    const settings = { cacheTtl: '5m', collectors: DEFAULT_COLLECTORS };
    const last = await renderBackupText(stateOf(first), settings);
    const next = [cluster('a-first-now', 5), ...first.slice(1)];
    const fromLast = await renderBackupText(stateOf(next), settings, last);
    expect(text(fromLast)).toBe(text(await renderBackupText(stateOf(next), settings)));
  });

  it('copies the lines of the subjects it has seen instead of making them again', async () => {
    const { collectors, made } = counted();
    const settings = { cacheTtl: '5m', collectors };
    const last = await renderBackupText(stateOf(first), settings);
    const fromNothing = made();
    expect(fromNothing).toBeGreaterThan(first.length);

    const changed = cluster('cluster-7', 1);
    const next = first.map((r) => (r.info.name === changed.info.name ? changed : { ...r }));
    await renderBackupText(stateOf(next), settings, last);
    const perSubject = fromNothing / first.length;
    expect(made() - fromNothing).toBe(perSubject);
  });

  it("keeps a family whose clusters and keys are all unchanged as the last page's own part", async () => {
    const settings = { cacheTtl: '5m', collectors: DEFAULT_COLLECTORS };
    const last = await renderBackupText(stateOf(first), settings);
    const next = first.map((r) => ({ ...r, lastSuccessMs: (r.lastSuccessMs ?? 0) + 1000 }));
    const page = await renderBackupText(stateOf(next), settings, last);
    const changed = page.families.filter((f, i) => f !== last.families[i]).map((f) => f.name);
    expect(changed).toEqual(['mongodbatlas_backup_last_collect_success_timestamp_seconds']);

    const fewer = await renderBackupText(stateOf(next.slice(1)), settings, page);
    expect(fewer.families.some((f, i) => f === page.families[i])).toBe(false);
  });

  describe('when the clusters are the rows they were', () => {
    const many = Array.from({ length: 3000 }, (_, i) => cluster(`cluster-${i}`, 60 * i));
    const settings = { cacheTtl: '5m', collectors: DEFAULT_COLLECTORS };
    const changedAt = (clusters: readonly ClusterRecord[], at: readonly number[], age: number) =>
      clusters.map((r, i) => (at.includes(i) ? cluster(r.info.name, age) : r));
    const inflated = (page: BackupText) =>
      gunzipSync(
        Buffer.concat(gzipWithTail(gzipPrefix(page.chunks.map((piece) => deflatePiece(piece))), [])),
      ).toString();

    it('takes the pieces of unchanged clusters as they are', async () => {
      const last = await renderBackupText(stateOf(many), settings);
      const next = changedAt(many, [7, 2500], 1);
      const page = await renderBackupText(stateOf(next), settings, last);
      expect(text(page)).toBe(text(await renderBackupText(stateOf(next), settings)));
      expect(inflated(page)).toBe(text(page));

      const kept = new Set(last.chunks);
      const made = page.chunks.filter((c) => !kept.has(c));
      const rebuilt = page.families.filter((f, i) => f !== last.families[i]);
      expect(rebuilt.length).toBeGreaterThan(0);
      // two rows changed: in each family made anew, the two pieces that hold them
      expect(made.length).toBeLessThanOrEqual(2 * rebuilt.length);
      const bytes = (chunks: readonly Buffer[]) => chunks.reduce((n, c) => n + c.length, 0);
      expect(bytes(made)).toBeLessThan(bytes(page.chunks) / 4);

      // the ages of unchanged clusters are kept too
      const [lastAges, ages] = [last.ages[0]?.samples, page.ages[0]?.samples];
      const changed = page.rows.get(`${group.id}/flex/cluster-7`) ?? -1;
      const unchanged = page.rows.get(`${group.id}/flex/cluster-8`) ?? -1;
      expect(ages?.[unchanged]).toBe(lastAges?.[unchanged]);
      expect(ages?.[changed]).not.toBe(lastAges?.[changed]);
      expect(ages?.[changed]?.[1]).toBe(now - 1);
    });

    it('keeps as many pieces, however many refreshes change a few clusters', async () => {
      let page = await renderBackupText(stateOf(many), settings);
      const pieces = page.chunks.length;
      let clusters = many;
      for (let n = 1; n <= 30; n++) {
        clusters = changedAt(clusters, [(n * 337) % many.length, (n * 1013) % many.length], n);
        page = await renderBackupText(stateOf(clusters), settings, page);
      }
      expect(text(page)).toBe(text(await renderBackupText(stateOf(clusters), settings)));
      expect(inflated(page)).toBe(text(page));
      console.log('PIECES', pieces, page.chunks.length, page.families.length);
      expect(page.chunks.length).toBeLessThanOrEqual(pieces + page.families.length);
    });

    it('copies the unchanged rows between changed ones, whose lines moved, refresh after refresh', async () => {
      let page = await renderBackupText(stateOf(many), settings);
      const pieces = page.chunks.length;
      let clusters = many;
      for (let n = 1; n <= 5; n++) {
        // rows a line longer in places: the unchanged ones after them move in their family
        clusters = clusters.map((r, i) =>
          i % 250 === n * 7
            ? { ...cluster(r.info.name, n), info: { ...r.info, mongodbVersion: `8.0.${n}-longer` } }
            : r,
        );
        page = await renderBackupText(stateOf(clusters), settings, page);
        expect(text(page)).toBe(text(await renderBackupText(stateOf(clusters), settings)));
      }
      expect(inflated(page)).toBe(text(page));
      expect(page.chunks.length).toBeLessThanOrEqual(pieces + page.families.length);
      expect(Math.max(...page.chunks.map((c) => c.length))).toBeLessThanOrEqual(CHUNK_BYTES);
    });
  });

  describe('when clusters come or go', () => {
    const many = Array.from({ length: 3000 }, (_, i) => cluster(`cluster-${i}`, 60 * i));
    const settings = { cacheTtl: '5m', collectors: DEFAULT_COLLECTORS };
    const inflated = (page: BackupText) =>
      gunzipSync(
        Buffer.concat(gzipWithTail(gzipPrefix(page.chunks.map((piece) => deflatePiece(piece))), [])),
      ).toString();
    const bytes = (chunks: readonly Buffer[]) => chunks.reduce((n, c) => n + c.length, 0);
    /** one cluster gone and one new, each somewhere else */
    const churned = (clusters: readonly ClusterRecord[], n: number) => [
      ...clusters.filter((_, i) => i !== (n * 811) % clusters.length),
      cluster(`cluster-${n}-new`, n),
    ];

    it('takes the pieces of the clusters that only moved as they are', async () => {
      const last = await renderBackupText(stateOf(many), settings);
      const next = churned(many, 1);
      const page = await renderBackupText(stateOf(next), settings, last);
      expect(text(page)).toBe(text(await renderBackupText(stateOf(next), settings)));
      expect(inflated(page)).toBe(text(page));

      const kept = new Set(last.chunks);
      const made = page.chunks.filter((c) => !kept.has(c));
      expect(bytes(made)).toBeLessThan(bytes(page.chunks) / 4);
      const key = `${group.id}/flex/cluster-2000`;
      expect(page.rows.get(key)).not.toBe(last.rows.get(key));
      expect(page.ages[0]?.samples[page.rows.get(key) ?? -1]).toBe(
        last.ages[0]?.samples[last.rows.get(key) ?? -1],
      );
    });

    it('keeps about as many pieces, however many refreshes add and remove clusters', async () => {
      let page = await renderBackupText(stateOf(many), settings);
      const pieces = page.chunks.length;
      let clusters = many;
      for (let n = 1; n <= 30; n++) {
        clusters = churned(clusters, n);
        page = await renderBackupText(stateOf(clusters), settings, page);
      }
      expect(text(page)).toBe(text(await renderBackupText(stateOf(clusters), settings)));
      expect(inflated(page)).toBe(text(page));
      console.log('PIECES', pieces, page.chunks.length, page.families.length);
      expect(page.chunks.length).toBeLessThanOrEqual(pieces + page.families.length);
    });
  });
});
