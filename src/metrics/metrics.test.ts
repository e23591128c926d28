import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ClusterRecord, CollectorState, ProjectRecord } from '../collect/state.js';
import { EMPTY_STATE } from '../collect/state.js';
import { fromCloudSnapshot } from '../collectors/snapshots/cloud-snapshot.js';
import { fromFlexSnapshot } from '../collectors/snapshots/flex-snapshot.js';
import { type SnapshotSummary, summarise } from '../collectors/snapshots/summary.js';
import { DEFAULT_COLLECTORS, snapshotReadings } from '../collectors/test-readings.js';
import { fromFlexCluster } from '../kinds/flex/transform.js';
import { fromServerlessInstance } from '../kinds/serverless/transform.js';
import { type GzipPrefix, gzipWithTail } from './gzip-parts.js';
import { createMetrics, type RenderedMetrics } from './metrics.js';

const nowMs = 1_800_000_000_000;
const now = nowMs / 1000;
const group = { id: 'a'.repeat(24), name: "R&D (prod): team@x+y's", orgId: 'b'.repeat(24) };

function record(
  partial: Partial<ClusterRecord> & Pick<ClusterRecord, 'info'> & { summary?: SnapshotSummary },
): ClusterRecord {
  const { summary, ...rest } = partial;
  return {
    collectSuccess: true,
    lastReadMs: nowMs - 1000,
    lastSuccessMs: nowMs - 1000,
    firstSeenMs: 0,
    error: undefined,
    readings: snapshotReadings(summary, nowMs - 1000),
    ...rest,
  };
}

function stateWith(clusters: ClusterRecord[]): CollectorState {
  const project: ProjectRecord = {
    group,
    listed: new Map([
      ['flex', true],
      ['serverless', false],
    ]),
    lastSeenMs: nowMs,
    error: undefined,
  };
  return {
    ...EMPTY_STATE,
    up: true,
    projects: new Map([[group.id, project]]),
    clusters: new Map(clusters.map((c) => [`${c.info.groupId}/${c.info.kind}/${c.info.name}`, c])),
    lastRefreshEndMs: nowMs - 30_000,
    lastRefreshDurationMs: 1500,
    lastResult: 'partial',
    dataTimeMs: nowMs - 30_000,
  };
}

const flexInfo = fromFlexCluster(group, {
  name: 'orders',
  groupId: group.id,
  backupEnabled: true,
  stateName: 'IDLE',
  createDate: now - 100 * 86400,
  provider: 'AWS',
  region: 'US_EAST_1',
  mongoDBVersion: '8.0.4',
});
const serverlessInfo = fromServerlessInstance(group, {
  name: 'legacy',
  groupId: group.id,
  continuousBackupEnabled: true,
});

/** The body as a scrape receives it: the cached backup part and this scrape's part, joined. */
function asText({ contentType, chunks }: RenderedMetrics) {
  return { contentType, body: Buffer.concat(chunks).toString('utf8') };
}

function render(state: CollectorState, format: 'prometheus' | 'openmetrics' = 'prometheus', details = false) {
  const metrics = createMetrics({
    cacheTtl: '5m',
    collectors: DEFAULT_COLLECTORS,
    options: { 'snapshot-details': details },
    build: { version: '1.2.3', revision: 'abc' },
  });
  return metrics.render(format, state, nowMs).then(asText);
}

const line = (body: string, prefix: string) => body.split('\n').filter((l) => l.startsWith(prefix));

/** `count` Flex clusters, the i-th with a completed snapshot `ageOf(i)` seconds before now. */
function manyClusters(count: number, ageOf: (i: number) => number = () => 3600): ClusterRecord[] {
  return Array.from({ length: count }, (_, i) =>
    record({
      info: { ...flexInfo, name: `c-${String(i).padStart(4, '0')}` },
      summary: summarise([fromFlexSnapshot({ status: 'COMPLETED', startTime: now - ageOf(i) })]),
    }),
  );
}

/** How many turns of the event loop pass while `work` runs. */
async function turnsDuring<T>(work: () => Promise<T>): Promise<{ turns: number; result: T }> {
  let turns = 0;
  let done = false;
  const count = () => {
    turns += 1;
    if (!done) setImmediate(count);
  };
  setImmediate(count);
  const result = await work();
  done = true;
  return { turns, result };
}

/** The page of an exporter on default flags. */
const defaultMetrics = () =>
  createMetrics({
    cacheTtl: '5m',
    collectors: DEFAULT_COLLECTORS,
    options: { 'snapshot-details': false },
    build: { version: '1', revision: 'r' },
  });
describe('metrics from collector state', () => {
  it('exports the facts of a cluster with base labels', async () => {
    const summary = summarise([
      fromFlexSnapshot({ id: '1', status: 'COMPLETED', startTime: now - 3600, expiration: now + 7 * 86400 }),
      fromFlexSnapshot({ id: '2', status: 'FAILED', startTime: now - 600 }),
    ]);
    const { body, contentType } = await render(stateWith([record({ info: flexInfo, summary })]));
    expect(contentType).toContain('version=0.0.4');
    const base = `group_id="${group.id}",cluster_name="orders",cluster_kind="flex"`;
    expect(body).toContain(
      `mongodbatlas_backup_last_completed_snapshot_timestamp_seconds{${base}} ${now - 3600}`,
    );
    expect(body).toContain(`mongodbatlas_backup_last_completed_snapshot_age_seconds{${base}} 3600`);
    expect(body).toContain(
      `mongodbatlas_backup_last_failed_snapshot_timestamp_seconds{${base}} ${now - 600}`,
    );
    expect(body).toContain(
      `mongodbatlas_backup_snapshots{${base},status="failed",snapshot_type="scheduled",frequency="daily"} 1`,
    );
    expect(body).toContain(`mongodbatlas_backup_expected_interval_seconds{${base}} 86400`);
    expect(body).toContain(`mongodbatlas_backup_collect_success{${base}} 1`);
    expect(body).toContain(
      `group_name="R&D (prod): team@x+y's",state="IDLE",provider="AWS",region="US_EAST_1",mongodb_version="8.0.4",tier="FLEX",topology="replicaset",backup_enabled="true",pit_enabled="false",paused="false",retain_backups="false",termination_protection="false",encryption_at_rest="none"} 1`,
    );
    expect(body).toContain('mongodbatlas_exporter_data_age_seconds 30');
    expect(body).toContain(
      `mongodbatlas_exporter_project_collect_success{group_id="${group.id}",cluster_kind="serverless"} 0`,
    );
    expect(body).toMatch(/# HELP mongodbatlas_backup_snapshots .*Cached for --atlas.cache-ttl \(5m\)/);
  });

  it('leaves absent what Atlas did not give: no Flex storage, no timestamps without snapshots', async () => {
    const { body } = await render(stateWith([record({ info: flexInfo, summary: summarise([]) })]));
    expect(line(body, 'mongodbatlas_backup_storage_bytes{')).toEqual([]);
    expect(line(body, 'mongodbatlas_backup_last_completed_snapshot_timestamp_seconds{')).toEqual([]);
    expect(line(body, 'mongodbatlas_backup_last_completed_snapshot_age_seconds{')).toEqual([]);
    expect(line(body, 'mongodbatlas_backup_cluster_info{')).toHaveLength(1);
  });

  it('exports serverless storage and keeps a failed cluster’s last values with collect_success 0', async () => {
    const summary = summarise([
      fromCloudSnapshot({ status: 'completed', createdAt: now - 100, storageSizeBytes: 1234 }),
    ]);
    const { body } = await render(
      stateWith([
        record({ info: serverlessInfo, summary, collectSuccess: false, error: { message: 'boom' } }),
      ]),
    );
    expect(line(body, 'mongodbatlas_backup_storage_bytes{')[0]).toMatch(/cluster_kind="serverless"} 1234$/);
    expect(line(body, 'mongodbatlas_backup_collect_success{')[0]).toMatch(/ 0$/);
    expect(line(body, 'mongodbatlas_backup_cluster_info{')[0]).toContain('tier="SERVERLESS"');
    expect(line(body, 'mongodbatlas_backup_cluster_info{')[0]).toContain('pit_enabled="true"');
  });

  it('drops a cluster that left the state on the next render', async () => {
    const metrics = defaultMetrics();
    const first = asText(
      await metrics.render(
        'prometheus',
        stateWith([record({ info: flexInfo }), record({ info: serverlessInfo })]),
        nowMs,
      ),
    );
    const second = asText(await metrics.render('prometheus', stateWith([record({ info: flexInfo })]), nowMs));
    expect(line(first.body, 'mongodbatlas_backup_cluster_info{')).toHaveLength(2);
    expect(line(second.body, 'mongodbatlas_backup_cluster_info{')).toHaveLength(1);
    expect(second.body).not.toContain('cluster_name="legacy"');
  });

  it('encodes thousands of clusters in pieces that join into one well-formed body', async () => {
    const many = manyClusters(2500);
    const metrics = defaultMetrics();
    const rendered = await metrics.render('prometheus', stateWith(many), nowMs);
    const { body } = asText(rendered);
    expect(rendered.chunks.length).toBeGreaterThan(3);
    expect(body.split('\n').slice(0, -1)).not.toContain('');
    expect(line(body, 'mongodbatlas_backup_cluster_info{')).toHaveLength(2500);
    expect(line(body, 'mongodbatlas_backup_last_completed_snapshot_age_seconds{')).toHaveLength(2500);
    expect(line(body, '# TYPE mongodbatlas_backup_cluster_info ')).toHaveLength(1);
    const gzipped = await metrics.renderGzip('prometheus', stateWith(many), nowMs);
    const unzipped = gunzipSync(Buffer.concat(gzipped.chunks)).toString('utf8');
    expect(line(unzipped, 'mongodbatlas_backup_')).toEqual(line(body, 'mongodbatlas_backup_'));
    // Below glibc's mmap threshold, each of them (chunks.ts).
    for (const chunk of [...rendered.chunks, ...gzipped.chunks])
      expect(chunk.length).toBeLessThan(128 * 1024);
  });

  it('renders the ages once per whole second of a state, equal to a fresh render of that second', async () => {
    const state = stateWith(manyClusters(2500, (i) => 3600 + i));
    const options = {
      cacheTtl: '5m',
      collectors: DEFAULT_COLLECTORS,
      build: { version: '1', revision: 'r' },
    };
    const metrics = createMetrics(options);
    const ages = (r: RenderedMetrics) =>
      line(asText(r).body, 'mongodbatlas_backup_last_completed_snapshot_age_');
    const first = await metrics.render('prometheus', state, nowMs + 100);
    const later = await metrics.render('prometheus', state, nowMs + 900);
    expect(ages(later)).toEqual(ages(await createMetrics(options).render('prometheus', state, nowMs + 900)));
    expect(ages(later)[0]).toMatch(/cluster_name="c-0000",cluster_kind="flex"} 3600$/);
    // The same pieces, not a second rendering of them.
    const ageChunk = first.chunks.findIndex((c) => c.includes('last_completed_snapshot_age_seconds{'));
    expect(later.chunks[ageChunk]).toBe(first.chunks[ageChunk]);

    const next = await metrics.render('prometheus', state, nowMs + 1000);
    expect(ages(next)[0]).toMatch(/cluster_name="c-0000",cluster_kind="flex"} 3601$/);
    const newer = stateWith([
      record({
        info: flexInfo,
        summary: summarise([fromFlexSnapshot({ status: 'COMPLETED', startTime: now - 60 })]),
      }),
    ]);
    expect(ages(await metrics.render('prometheus', newer, nowMs + 1000))).toEqual([
      `mongodbatlas_backup_last_completed_snapshot_age_seconds{group_id="${group.id}",cluster_name="orders",cluster_kind="flex"} 61`,
    ]);
  });

  it('makes the ages of a new second in pieces, with turns of the event loop between them', async () => {
    const many = manyClusters(2500);
    const state = stateWith(many);
    const metrics = defaultMetrics();
    await metrics.render('prometheus', state, nowMs);
    const { turns, result } = await turnsDuring(() => metrics.render('prometheus', state, nowMs + 1000));
    const agePieces = result.chunks.filter((c) => c.includes('last_completed_snapshot_age_seconds{')).length;
    expect(agePieces).toBeGreaterThan(5);
    expect(turns).toBeGreaterThanOrEqual(agePieces);
  });

  it("sends a new page's pieces stored until no scrape is rendered, then deflated, and a kept piece keeps its deflate", async () => {
    const metrics = defaultMetrics();
    const bytes = (prefix: GzipPrefix) => prefix.deflated.reduce((n, b) => n + b.length, 0);
    const clusters = manyClusters(2000);
    const first = metrics.prepare(stateWith(clusters));
    const { chunks } = await first.backup;
    const stored = await first.gzipped;
    const text = Buffer.concat(chunks);
    expect(stored.length).toBe(text.length);
    expect(bytes(stored)).toBeGreaterThan(text.length);
    const body = (prefix: GzipPrefix) => gunzipSync(Buffer.concat(gzipWithTail(prefix, [])));
    expect(body(stored).equals(text)).toBe(true);

    await first.compressed;
    const deflated = await first.gzipped;
    expect(bytes(deflated)).toBeLessThan(text.length / 4);
    expect(body(deflated).equals(text)).toBe(true);

    // one cluster changed: the next page's gzip is mostly the first one's deflate at once
    const next = metrics.prepare(stateWith([...clusters.slice(1), record({ info: flexInfo })]));
    const nextText = Buffer.concat((await next.backup).chunks);
    const atOnce = await next.gzipped;
    expect(bytes(atOnce)).toBeLessThan(nextText.length / 2);
    expect(body(atOnce).equals(nextText)).toBe(true);
  });

  it('stores the ages of a page until its pieces are deflated, then deflates them', async () => {
    const metrics = defaultMetrics();
    const clusters = manyClusters(2000, (i) => 3600 + i);
    await metrics.prepare(stateWith(clusters)).compressed;
    // the same clusters again: every piece of the page is deflated already, but not its ages
    const again = stateWith(clusters);
    const page = metrics.prepare(again);
    // asked while the page is made, as the scrapes that waited for a refresh ask
    const early = await metrics.renderGzip('prometheus', again, nowMs);
    await page.compressed;
    const late = await metrics.renderGzip('prometheus', again, nowMs);
    const unzipped = (r: RenderedMetrics) => gunzipSync(Buffer.concat(r.chunks)).toString();
    expect(unzipped(early)).toBe(unzipped(late));
    const size = (r: RenderedMetrics) => r.chunks.reduce((n, c) => n + c.length, 0);
    expect(size(early) - size(late)).toBeGreaterThan(2000 * 60);
  });

  it('stores the ages of the page it serves while a newer page is made', async () => {
    const metrics = defaultMetrics();
    const before = stateWith(manyClusters(2000, (i) => 3600 + i));
    await metrics.prepare(before).compressed;
    const quiet = await metrics.renderGzip('prometheus', before, nowMs, 0);
    const after = stateWith(manyClusters(2000, (i) => 60 + i));
    metrics.refreshed('success', after);
    // a second later, while the page of `after` is made: the page of `before`, its ages stored
    const during = await metrics.renderGzip('prometheus', after, nowMs + 1000, 0);
    const unzipped = (r: RenderedMetrics) => gunzipSync(Buffer.concat(r.chunks)).toString();
    expect(line(unzipped(during), 'mongodbatlas_backup_last_completed_snapshot_age_seconds{')[0]).toMatch(
      / 3601$/,
    );
    const size = (r: RenderedMetrics) => r.chunks.reduce((n, c) => n + c.length, 0);
    expect(size(during) - size(quiet)).toBeGreaterThan(2000 * 60);
  });

  it('serves the previous page, with its own ages, while the page of a refresh that landed is built', async () => {
    const metrics = defaultMetrics();
    const before = stateWith(manyClusters(3, () => 3600));
    const after = { ...stateWith(manyClusters(3, () => 60)), dataTimeMs: nowMs - 5000 };
    await metrics.prepare(before).backup;
    metrics.refreshed('success', after);

    // both scrapes come while the page of `after` is made
    const [plain, gzipped] = await Promise.all([
      metrics.render('prometheus', after, nowMs + 2000, 0),
      metrics.renderGzip('prometheus', after, nowMs + 2000, 0),
    ]);
    const during = asText(plain);
    expect(line(during.body, 'mongodbatlas_backup_last_completed_snapshot_age_seconds{')[0]).toMatch(
      / 3602$/,
    );
    expect(during.body).toContain('mongodbatlas_exporter_data_age_seconds 32');
    const unzipped = gunzipSync(Buffer.concat(gzipped.chunks)).toString();
    expect(line(unzipped, 'mongodbatlas_backup_last_completed_snapshot_age_seconds{')[0]).toMatch(/ 3602$/);

    await metrics.prepare(after).backup;
    const built = asText(await metrics.render('prometheus', after, nowMs + 2000, 0));
    expect(line(built.body, 'mongodbatlas_backup_last_completed_snapshot_age_seconds{')[0]).toMatch(/ 62$/);
    expect(built.body).toContain('mongodbatlas_exporter_data_age_seconds 7');
  });

  it('gives a scrape that may wait the page of the refresh it waited for', async () => {
    const metrics = defaultMetrics();
    await metrics.render('prometheus', stateWith(manyClusters(3, () => 3600)), nowMs);
    const after = stateWith(manyClusters(3, () => 60));
    metrics.refreshed('success', after);
    const { body } = asText(await metrics.render('prometheus', after, nowMs, 60_000));
    expect(line(body, 'mongodbatlas_backup_last_completed_snapshot_age_seconds{')[0]).toMatch(/ 60$/);
  });

  it('is idle only once the scrapes that waited for a page are answered', async () => {
    const metrics = defaultMetrics();
    const state = stateWith(manyClusters(2500));
    metrics.refreshed('success', state);
    const order: string[] = [];
    const scrapes = Array.from({ length: 3 }, () =>
      metrics.render('prometheus', state, nowMs).then(() => order.push('scrape')),
    );
    await Promise.all([...scrapes, metrics.idle().then(() => order.push('idle'))]);
    expect(order).toEqual(['scrape', 'scrape', 'scrape', 'idle']);
    await metrics.idle();
  });

  it('is not idle while a scrape it serves waits for a refresh, and counts it as begun', async () => {
    const metrics = defaultMetrics();
    let land = () => {};
    const refresh = new Promise<void>((resolve) => {
      land = resolve;
    });
    const begun = metrics.scrapes();
    const served = metrics.serving(() => refresh);
    expect(metrics.scrapes()).toBe(begun + 1);
    let idle = false;
    const quiet = metrics.idle().then(() => {
      idle = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(idle).toBe(false);
    land();
    await Promise.all([served, quiet]);
    expect(idle).toBe(true);
  });

  it('gives each of many scrapes that resume together a turn of the event loop of its own', async () => {
    const metrics = defaultMetrics();
    const state = stateWith([record({ info: flexInfo })]);
    await metrics.render('prometheus', state, nowMs);
    const { turns } = await turnsDuring(() =>
      Promise.all(Array.from({ length: 10 }, () => metrics.render('prometheus', state, nowMs))),
    );
    expect(turns).toBeGreaterThanOrEqual(10);
  });

  it('renders OpenMetrics with counter families named without _total and an EOF', async () => {
    const { body, contentType } = await render(stateWith([]), 'openmetrics');
    expect(contentType).toContain('application/openmetrics-text');
    expect(body).toContain('# TYPE mongodbatlas_exporter_refreshes counter');
    expect(body).toContain('mongodbatlas_exporter_refreshes_total{result="success"} 0');
    expect(body.endsWith('# EOF\n')).toBe(true);
    const again = await render(stateWith([]), 'prometheus');
    expect(again.body).toContain('# TYPE mongodbatlas_exporter_refreshes_total counter');
  });

  it('adds per-snapshot series only when enabled', async () => {
    const summary = summarise(
      [fromFlexSnapshot({ id: 'abc', status: 'COMPLETED', startTime: now - 10, expiration: now + 10 })],
      true,
    );
    const state = stateWith([record({ info: flexInfo, summary })]);
    expect((await render(state)).body).not.toContain('mongodbatlas_backup_snapshot_info');
    const { body } = await render(state, 'prometheus', true);
    expect(line(body, 'mongodbatlas_backup_snapshot_info{')[0]).toContain(
      'snapshot_id="abc",status="completed"',
    );
    expect(line(body, 'mongodbatlas_backup_snapshot_expiry_timestamp_seconds{')[0]).toMatch(/ 1800000010$/);
  });

  it('reports up 0 before the first refresh, and no refresh time, duration or data age', async () => {
    const { body } = await render(EMPTY_STATE);
    expect(body).toContain('mongodbatlas_exporter_up 0');
    expect(line(body, 'mongodbatlas_exporter_last_refresh_timestamp_seconds')).toEqual([]);
    expect(line(body, 'mongodbatlas_exporter_refresh_duration_seconds')).toEqual([]);
    expect(line(body, 'mongodbatlas_exporter_data_age_seconds')).toEqual([]);
    expect(body).toContain(
      'mongodbatlas_exporter_build_info{version="1.2.3",revision="abc",nodejs_version="',
    );
  });

  it('gives no data age after refreshes that never listed projects, until one does', async () => {
    const metrics = defaultMetrics();
    const failed: CollectorState = {
      ...EMPTY_STATE,
      lastRefreshEndMs: nowMs - 10_000,
      lastRefreshDurationMs: 250,
      lastResult: 'failure',
      error: { message: 'HTTP 401' },
    };
    const first = asText(await metrics.render('prometheus', failed, nowMs)).body;
    expect(first).toContain(`mongodbatlas_exporter_last_refresh_timestamp_seconds ${now - 10}`);
    expect(first).toContain('mongodbatlas_exporter_refresh_duration_seconds 0.25');
    expect(line(first, 'mongodbatlas_exporter_data_age_seconds')).toEqual([]);
    const later = asText(await metrics.render('prometheus', stateWith([]), nowMs)).body;
    expect(later).toContain('mongodbatlas_exporter_data_age_seconds 30');
  });

  it('starts the counters whose label values are known at 0, and no others', async () => {
    const metrics = createMetrics({
      cacheTtl: '5m',
      collectors: DEFAULT_COLLECTORS,
      options: { 'snapshot-details': false },
      build: { version: '1', revision: 'r' },
      known: { endpoints: ['oauth_token', 'groups'], challenged: ['groups'] },
    });
    const { body } = asText(await metrics.render('prometheus', EMPTY_STATE, nowMs));
    expect(line(body, 'mongodbatlas_exporter_api_retries_total{')).toEqual(
      ['oauth_token', 'groups'].flatMap((endpoint) =>
        ['rate_limited', 'server_error', 'timeout', 'network_error'].map(
          (reason) => `mongodbatlas_exporter_api_retries_total{endpoint="${endpoint}",reason="${reason}"} 0`,
        ),
      ),
    );
    expect(line(body, 'mongodbatlas_exporter_api_auth_challenges_total{')).toEqual([
      'mongodbatlas_exporter_api_auth_challenges_total{endpoint="groups"} 0',
    ]);
    expect(line(body, 'mongodbatlas_exporter_refreshes_total{')).toHaveLength(3);
    // Status codes are not known before Atlas answers: none is made up.
    expect(line(body, 'mongodbatlas_exporter_api_requests_total{')).toEqual([]);
  });

  it("shares the exporter's own part among scrapes of one second and state, until an event feeds it", async () => {
    const metrics = defaultMetrics();
    const state = stateWith(manyClusters(3));
    const own = async (atMs: number) => (await metrics.render('prometheus', state, atMs)).chunks.at(-1);
    const first = await own(nowMs);
    expect(await own(nowMs + 900)).toBe(first);
    expect(await own(nowMs + 1000)).not.toBe(first);

    const before = await own(nowMs + 1500);
    metrics.observer.request('groups', '200', 0.1);
    const { body } = asText(await metrics.render('prometheus', state, nowMs + 1500));
    expect(line(body, 'mongodbatlas_exporter_api_requests_total{')).toEqual([
      'mongodbatlas_exporter_api_requests_total{endpoint="groups",code="200"} 1',
    ]);
    expect(await own(nowMs + 1500)).not.toBe(before);
  });

  it('deflates a shared own part once for every gzip scrape that shares it', async () => {
    const metrics = defaultMetrics();
    const state = stateWith(manyClusters(3));
    // the own part's deflate: the piece before the stream's end and the trailer
    const ownDeflate = async (atMs: number) => {
      const { chunks } = await metrics.renderGzip('openmetrics', state, atMs);
      expect(gunzipSync(Buffer.concat(chunks)).toString()).toMatch(/# EOF\n$/);
      return chunks.at(-3);
    };
    const first = await ownDeflate(nowMs);
    expect(await ownDeflate(nowMs + 900)).toBe(first);
    expect(await ownDeflate(nowMs + 1000)).not.toBe(first);
  });
});
