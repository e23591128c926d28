import { describe, expect, it } from 'vitest';
import {
  AtlasAuthError,
  AtlasClientError,
  AtlasHttpError,
  AtlasNetworkError,
  AtlasTimeoutError,
} from '../atlas/errors.js';
import { problemOf } from '../collect/problems.js';
import type { ClusterRecord, CollectorState, ProjectRecord } from '../collect/state.js';
import { EMPTY_STATE } from '../collect/state.js';
import type { Reading } from '../collectors/collector.js';
import { restoreJobs } from '../collectors/restore-jobs/collector.js';
import { summariseRestoreJobs } from '../collectors/restore-jobs/transform.js';
import { summarise } from '../collectors/snapshots/summary.js';
import { snapshotReadings } from '../collectors/test-readings.js';
import type { ClusterInfo } from '../resources/cluster.js';
import {
  clusterView,
  PAGE_SIZE,
  prepareClusterView,
  type ViewQuery,
  ViewQueryError,
} from './cluster-view.js';
import { humanDuration } from './format.js';
import { escapeHtml, html, raw } from './html.js';
import { landingPage } from './landing-page.js';
import { problemInWords } from './problem-words.js';

const NOW_MS = 1_800_000_000_000;
const NOW = NOW_MS / 1000;
const HOUR = 3600;
const LOOKBACK_MS = 7 * 86_400_000;
const group = { id: 'a'.repeat(24), name: 'shop', orgId: 'b'.repeat(24) };

function info(name: string, changes: Partial<ClusterInfo> = {}): ClusterInfo {
  return {
    groupId: group.id,
    groupName: group.name,
    name,
    kind: 'flex',
    state: 'IDLE',
    provider: 'AWS',
    region: 'US_EAST_1',
    mongodbVersion: '8.0.4',
    tier: 'FLEX',
    topology: 'replicaset',
    backupEnabled: true,
    pitEnabled: false,
    paused: false,
    createdAt: NOW - 100 * 86_400,
    expectedIntervalSeconds: 86_400,
    nextScheduledSnapshot: undefined,
    retainBackups: false,
    terminationProtection: false,
    encryptionAtRest: 'none',
    tags: [],
    ...changes,
  };
}

const snapshot = (status: string, time: number) => ({
  id: `${status}-${time}`,
  status,
  snapshotType: 'scheduled',
  frequency: 'daily',
  time,
  expiresAt: undefined,
  storageBytes: undefined,
  mongodbVersion: '8.0.4',
});

function record(
  clusterInfo: ClusterInfo,
  snapshots: ReturnType<typeof snapshot>[],
  changes: Partial<ClusterRecord> = {},
) {
  return {
    info: clusterInfo,
    collectSuccess: true,
    lastSuccessMs: NOW_MS - 60_000,
    lastReadMs: NOW_MS - 60_000,
    firstSeenMs: 0,
    error: undefined,
    readings: snapshotReadings(summarise(snapshots), NOW_MS - 60_000),
    ...changes,
  } satisfies ClusterRecord;
}

function state(clusters: ClusterRecord[], projects: ProjectRecord[] = []): CollectorState {
  return {
    ...EMPTY_STATE,
    up: true,
    projects: new Map(projects.map((p) => [p.group.id, p])),
    clusters: new Map(clusters.map((c) => [`${c.info.groupId}/${c.info.kind}/${c.info.name}`, c])),
    lastRefreshEndMs: NOW_MS - 60_000,
    lastRefreshDurationMs: 1200,
    lastResult: 'success',
    dataTimeMs: NOW_MS - 60_000,
  };
}

const recent = [snapshot('completed', NOW - 2 * HOUR)];
/** One cluster of each status, named after it, added in the reverse of the page's order. */
const oneOfEach = [
  record(info('backup-off', { backupEnabled: false }), []),
  record(info('paused', { kind: 'dedicated', paused: true, expectedIntervalSeconds: undefined }), recent),
  record(info('ok'), recent),
  record(info('overdue'), [snapshot('completed', NOW - 37 * HOUR)]),
  record(info('no-snapshot'), []),
  record(info('failed'), [snapshot('completed', NOW - 5 * HOUR), snapshot('failed', NOW - HOUR)]),
  record(info('not-read'), recent, { collectSuccess: false, error: { message: 'x', code: 'ATLAS_TIMEOUT' } }),
];

const page = (s: CollectorState, query = {}) =>
  landingPage({
    version: '1.2.3',
    telemetryPath: '/metrics',
    config: {},
    state: s,
    nowMs: NOW_MS,
    eventsLookbackMs: LOOKBACK_MS,
    query,
  });

describe('escaping', () => {
  it('escapes the five characters that matter in HTML text and attributes', () => {
    expect(escapeHtml(`<a href="x">R&D's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;R&amp;D&#39;s&lt;/a&gt;');
  });

  it('escapes every interpolated value of the html tag, but not markup it made itself', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p title="${'"x"'}">${inner}${['<', 1, raw('<hr>')]}</p>`.text).toBe(
      '<p title="&quot;x&quot;"><b>&lt;i&gt;</b>&lt;1<hr></p>',
    );
  });

  it('lets no name from Atlas, no config value and no error text through unescaped', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const evilGroup = { id: `${'c'.repeat(23)}"`, name: `<script>alert("p")</script>`, orgId: '' };
    const s = state(
      [
        record(
          info(evil, { groupId: evilGroup.id, groupName: evilGroup.name, kind: 'dedicated', tier: evil }),
          [],
          {
            collectSuccess: false,
            error: { message: evil, code: 'ATLAS_HTTP_ERROR', status: 403, errorCode: evil, detail: evil },
          },
        ),
      ],
      [
        {
          group: evilGroup,
          listed: new Map([['flex', false]]),
          lastSeenMs: NOW_MS,
          error: { message: evil },
        },
      ],
    );
    const body = landingPage({
      version: evil,
      telemetryPath: '/m"><script>',
      config: { 'web.listen-address': evil, credentials: { clientSecret: '<secret>' } },
      state: s,
      nowMs: NOW_MS,
      eventsLookbackMs: LOOKBACK_MS,
    });
    expect(body).not.toContain('<img');
    expect(body).not.toContain('<script');
    expect(body).not.toContain('href="/m">');
    expect(body).not.toContain('c""');
    expect(body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(body).toContain('&lt;secret&gt;');
  });
});

describe('the cluster table', () => {
  it('shows every status once, those needing attention first, each with symbol and word', () => {
    const body = page(state(oneOfEach));
    const order = [...body.matchAll(/data-cluster="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(order).toEqual(['not-read', 'failed', 'no-snapshot', 'overdue', 'ok', 'paused', 'backup-off']);
    for (const name of order) {
      const row = body.split('\n').find((l) => l.includes(`data-cluster="${name}"`)) ?? '';
      expect(row).toContain(`<span class="word">${name.replace('-', ' ')}</span>`);
      expect(row).toMatch(/<span class="sym" aria-hidden="true">[^<]+<\/span>/);
    }
  });

  it('shows the newest completed snapshot’s age next to the expected interval', () => {
    const body = page(state(oneOfEach));
    expect(body).toMatch(/data-cluster="overdue".*37 h \/ 24 h/);
    expect(body).toMatch(/data-cluster="no-snapshot".*none \/ 24 h/);
    expect(body).toMatch(/data-cluster="paused".*2 h \/ –/);
  });

  it('counts every cluster by status, whatever page or filter is shown', () => {
    const many = Array.from({ length: 2 * PAGE_SIZE + 10 }, (_, i) =>
      record(info(`c${String(i).padStart(3, '0')}`), recent),
    );
    const view = clusterView(state([...many, ...oneOfEach]), NOW_MS, { status: 'overdue' });
    // the one not read counts too: its last good values are ok
    expect(view.counts.get('ok')).toBe(2 * PAGE_SIZE + 12);
    expect(view.counts.get('overdue')).toBe(1);
    expect(view.total).toBe(2 * PAGE_SIZE + 17);
    expect(view.rows.map((r) => r.record.info.name)).toEqual(['overdue']);
  });

  it('decides statuses by the clock of each request, though a state is sorted only once', () => {
    const s = state([record(info('ok'), recent)]);
    expect(clusterView(s, NOW_MS).rows.map((r) => r.status)).toEqual(['ok']);
    expect(clusterView(s, NOW_MS + 2 * 86_400_000).rows.map((r) => r.status)).toEqual(['overdue']);
  });

  it('shows the same whether a refresh prepared the state, in chunks, or the request did', async () => {
    const many = Array.from({ length: 2500 }, (_, i) => record(info(`z${2500 - i}`), recent));
    const names = (s: CollectorState) =>
      clusterView(s, NOW_MS, { page: '26' }).rows.map((r) => r.record.info.name);
    const unprepared = state([...many, ...oneOfEach]);
    const prepared = state([...many, ...oneOfEach]);
    await prepareClusterView(prepared);
    expect(names(prepared)).toEqual(names(unprepared));
    expect(names(prepared).slice(-3)).toEqual(['z999', 'paused', 'backup-off']);
  });

  it('pages the clusters, attention first on page 1, and refuses a page or status that is not there', () => {
    const many = Array.from({ length: 2 * PAGE_SIZE + 10 }, (_, i) =>
      record(info(`c${String(i).padStart(3, '0')}`), recent),
    );
    const s = state([...many, ...oneOfEach]);
    const first = clusterView(s, NOW_MS);
    expect(first.pages).toBe(3);
    expect(first.rows).toHaveLength(PAGE_SIZE);
    expect(first.rows.slice(0, 4).map((r) => r.status)).toEqual([
      'not read',
      'failed',
      'no snapshot',
      'overdue',
    ]);
    const last = clusterView(s, NOW_MS, { page: '3' });
    expect(last.rows.map((r) => r.record.info.name).slice(-2)).toEqual(['paused', 'backup-off']);
    const refusal = (query: ViewQuery) => {
      try {
        clusterView(s, NOW_MS, query);
      } catch (err) {
        if (err instanceof ViewQueryError) return `${err.status} ${err.message}`;
      }
      return 'answered';
    };
    expect(refusal({ page: '99' })).toBe('404 there is no page 99: 217 clusters match, on 3 pages');
    expect(refusal({ status: 'overdue', page: '2' })).toBe(
      '404 there is no page 2: 1 cluster matches, on 1 page',
    );
    expect(refusal({ page: 'x' })).toBe('400 page "x" is not a page number; pages start at 1');
    expect(refusal({ page: '0' })).toMatch(/^400 /);
    expect(refusal({ status: 'nonsense' })).toBe(
      '400 unknown status "nonsense"; use one of not-read, failed, no-snapshot, overdue, ok, paused, backup-off',
    );
    expect(refusal({ status: '', page: '' })).toBe('answered');
    expect(page(s, { page: '2' })).toContain('<a href="?page=3">next ›</a>');
    expect(page(s, { status: 'ok', page: '2' })).toContain('<a href="?status=ok&amp;page=1">‹ previous</a>');
  });
});

describe('what went wrong, in words', () => {
  it('says that Atlas refused the credentials, with its status and code, not that it was unreachable', () => {
    const refused = new AtlasAuthError('POST oauth_token /api/oauth/token: HTTP 401 invalid_client', {
      endpoint: 'oauth_token',
      status: 401,
      errorCode: 'invalid_client',
      detail: 'Invalid client credentials.',
    });
    const s: CollectorState = {
      ...EMPTY_STATE,
      lastRefreshEndMs: NOW_MS - 5000,
      lastResult: 'failure',
      error: problemOf(refused),
    };
    const body = page(s);
    expect(body).toContain(
      'Atlas refused the credentials (401 invalid_client): “Invalid client credentials.”',
    );
    expect(body).not.toContain('reachable');
    expect(body).not.toContain('/api/oauth/token');
  });

  it('names what happened for each kind of failure, never the request line', () => {
    const timeout = new AtlasTimeoutError('GET groups /api/atlas/v2/groups?x=1: timed out', {
      endpoint: 'groups',
    });
    const reset = new AtlasNetworkError('GET groups /api/atlas/v2/groups: ECONNRESET', {
      endpoint: 'groups',
      cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
    });
    const project = new AtlasAuthError('GET flex_clusters /api/atlas/v2/groups/x/flexClusters: HTTP 401', {
      endpoint: 'flex_clusters',
      status: 401,
      errorCode: 'USER_UNAUTHORIZED',
    });
    expect(problemInWords(problemOf(timeout))).toBe(
      'Atlas did not answer within --atlas.request-timeout, retries included',
    );
    expect(problemInWords(problemOf(reset))).toBe('The exporter could not reach Atlas (ECONNRESET)');
    expect(problemInWords(problemOf(project))).toBe('Atlas refused access (401 USER_UNAUTHORIZED)');
    expect(problemInWords({ message: 'x', code: 'ATLAS_HTTP_ERROR', status: 503 })).toBe(
      'Atlas kept failing with a server error (503)',
    );
    const local = new AtlasClientError('GET groups /api/atlas/v2/groups: the exporter could not send it', {
      endpoint: 'groups',
      cause: Object.assign(new Error('invalid user-agent header'), { code: 'UND_ERR_INVALID_ARG' }),
    });
    expect(problemInWords(problemOf(local))).toBe(
      'The exporter could not send its request to Atlas (UND_ERR_INVALID_ARG)',
    );
  });
});

/** The text of one row of the table, tags removed. */
const rowText = (body: string, cluster: string) =>
  (body.split('\n').find((l) => l.includes(`data-cluster="${cluster}"`)) ?? '')
    .replace(/<br>/g, ' / ')
    .replace(/<[^>]+>/g, '');

const titleOf = (body: string) => /<title>(.*) · Atlas backup exporter<\/title>/.exec(body)?.[1];

/** A count tile's number and, when some of it are clusters not read, that line. */
function tile(body: string, status: string) {
  const m = new RegExp(
    `href="\\?status=${status.replace(' ', '-')}"[^>]*><b>([^<]+)</b>.*?</span></span>(?:<small class="of">([^<]+)</small>)?</a>`,
  ).exec(body);
  return { n: m?.[1], of: m?.[2] };
}

describe('the page when little is known', () => {
  /** A state that never read anything: the first refresh failed with this error. */
  const failedFirst = (err: Error): CollectorState => ({
    ...EMPTY_STATE,
    lastRefreshEndMs: NOW_MS - 5000,
    lastResult: 'failure',
    error: problemOf(err),
  });

  it('says in the tab what went wrong while nothing was ever read, never that backups are ok', () => {
    const refused = new AtlasAuthError('POST oauth_token /api/oauth/token: HTTP 401 invalid_client', {
      endpoint: 'oauth_token',
      status: 401,
      errorCode: 'invalid_client',
    });
    const unreachable = new AtlasNetworkError('GET groups /api/atlas/v2/groups: ECONNREFUSED', {
      endpoint: 'groups',
      cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    });
    const org = 'c'.repeat(24);
    const wrongOrg = new AtlasHttpError(`GET org_groups /api/atlas/v2/orgs/${org}/groups: HTTP 404`, {
      endpoint: 'org_groups',
      status: 404,
      errorCode: 'ORG_NOT_FOUND',
      detail: `No organization ${org} exists.`,
    });
    expect(titleOf(page(failedFirst(refused)))).toBe('Atlas not read: credentials refused');
    expect(titleOf(page(failedFirst(unreachable)))).toBe('Atlas not read: unreachable');
    const body = page(failedFirst(wrongOrg));
    expect(titleOf(body)).toBe('Atlas not read: organisation not found');
    expect(body).toContain('Atlas does not know this organisation (see --atlas.org-id) (404 ORG_NOT_FOUND)');
    expect(titleOf(page(EMPTY_STATE))).toBe('Atlas not read yet');
    for (const s of [failedFirst(refused), EMPTY_STATE]) {
      expect(page(s)).toContain('fill=&#39;%23cf222e&#39;');
      // no count tiles: 0 failed would claim what is not known
      expect(page(s)).not.toContain('class="counts"');
    }
  });

  it('carries the counts in the tab once anything was read', () => {
    expect(titleOf(page(state(oneOfEach)))).toBe('1 not read, 1 failed, 1 no snapshot, 1 overdue');
    const healthy = state([
      record(info('a'), recent),
      record(info('b'), recent),
      oneOfEach[1] as ClusterRecord,
    ]);
    expect(titleOf(page(healthy))).toBe('2 ok, 1 paused');
    expect(page(healthy)).toContain('fill=&#39;%231a7f37&#39;');
    expect(titleOf(page(state([])))).toBe('no clusters');
  });

  /** The same clusters after a refresh that could not reach Atlas: each keeps its last good values. */
  function outage(clusters: ClusterRecord[]): CollectorState {
    const error = problemOf(
      new AtlasNetworkError('GET groups /api/atlas/v2/groups: ECONNREFUSED', { endpoint: 'groups' }),
    );
    const before = state(clusters);
    return {
      ...before,
      up: false,
      clusters: new Map([...before.clusters].map(([k, r]) => [k, { ...r, collectSuccess: false, error }])),
      lastRefreshEndMs: NOW_MS - 5000,
      lastResult: 'failure',
      error,
    };
  }

  it('shows each cluster not read with the status of its last good values, and counts it there too', () => {
    const neverRead = record(info('never-read'), [], { readings: new Map(), lastReadMs: undefined });
    const s = outage([...oneOfEach, neverRead]);
    const body = page(s);
    expect(rowText(body, 'failed')).toContain('not read (last: failed)');
    expect(rowText(body, 'overdue')).toContain('not read (last: overdue)');
    expect(rowText(body, 'paused')).toContain('not read (last: paused)');
    expect(rowText(body, 'never-read')).not.toContain('(last:');
    // those never read first, then the others by their last status, the worst first
    expect(clusterView(s, NOW_MS).rows.map((r) => r.last ?? r.record.info.name)).toEqual([
      'never-read',
      'failed',
      'no snapshot',
      'overdue',
      'ok',
      'ok',
      'paused',
      'backup off',
    ]);
    expect(tile(body, 'not read')).toEqual({ n: '8', of: undefined });
    expect(tile(body, 'failed')).toEqual({ n: '1', of: '1 not read' });
    // the not-read one of oneOfEach was ok, as is the ok one
    expect(tile(body, 'ok')).toEqual({ n: '2', of: '2 not read' });
    expect(titleOf(body)).toBe('8 not read, 1 failed, 1 no snapshot, 1 overdue');
    // a count's link lists the clusters it counts
    const failed = clusterView(s, NOW_MS, { status: 'failed' });
    expect(failed.rows.map((r) => [r.record.info.name, r.status, r.last])).toEqual([
      ['failed', 'not read', 'failed'],
    ]);
    expect(clusterView(s, NOW_MS, { status: 'ok' }).matching).toBe(2);
  });

  describe('a collector’s column', () => {
    const restored = (reading: Reading<unknown>) => {
      const r = record(info('db', { kind: 'dedicated' }), recent);
      return rowText(
        page(state([{ ...r, readings: new Map([...r.readings, [restoreJobs.name, reading]]) }])),
        'db',
      );
    };
    const summary = summariseRestoreJobs([
      { status: 'completed', deliveryType: 'automated', time: NOW - 3 * HOUR, start: undefined },
    ]);

    it('names the missing role, not "none", for a list Atlas refused and never answered', () => {
      const text = restored({
        facts: undefined,
        success: false,
        lastReadMs: undefined,
        error: 'Atlas refused the restore-job list; it needs the Project Backup Manager role',
        missingRole: 'Project Backup Manager',
      });
      expect(text).toMatch(/agorestore jobs not read \/ needs the Project Backup Manager role$/);
      expect(text).not.toContain('none');
    });

    it('says "none" only for a list read that holds none, and keeps a last good time, marked', () => {
      const empty = summariseRestoreJobs([]);
      expect(restored({ facts: empty, success: true, lastReadMs: NOW_MS, error: undefined })).toMatch(
        /none$/,
      );
      expect(restored({ facts: undefined, success: false, lastReadMs: undefined, error: 'x' })).toMatch(
        /restore jobs not read$/,
      );
      expect(restored({ facts: summary, success: false, lastReadMs: NOW_MS - HOUR, error: 'x' })).toMatch(
        /3 h ago \/ restore jobs not read$/,
      );
    });
  });
});

describe('durations', () => {
  it('reads at a glance, in the unit a person would say', () => {
    expect([45, 600, 7 * HOUR, 36 * HOUR, 73 * HOUR, 86_400].map(humanDuration)).toEqual([
      '45 s',
      '10 min',
      '7 h',
      '36 h',
      '3 d',
      '24 h',
    ]);
  });
});

describe('the notes and the audit events', () => {
  const auditGroup = { id: 'd'.repeat(24), name: 'payments', orgId: group.orgId };
  const withAudit = (entries: Array<[string, 'api_key' | 'user' | 'atlas', number]>): ProjectRecord => ({
    group: auditGroup,
    listed: new Map([['flex', true]]),
    lastSeenMs: NOW_MS,
    error: undefined,
    backupEvents: {
      clusters: new Map(),
      project: new Map(entries.map(([type, actor, ms]) => [type, new Map([[actor, ms]])])),
      readMs: NOW_MS,
      askedMs: NOW_MS,
    },
  });
  const notesCell = (body: string, name: string) =>
    body.match(new RegExp(`data-cluster="${name}"[^\\n]*?<td>(<ul class="notes">.*?</ul>)</td>`))?.[1] ?? '';

  it("shows a cluster's event notes, its collectors' notes and a deletion by hand in its project", () => {
    const copying = record(info('copying', { groupId: auditGroup.id, groupName: auditGroup.name }), recent, {
      backupEvents: new Map([
        ['CPS_COPY_SNAPSHOT_FAILED', NOW_MS - 2 * HOUR * 1000],
        ['CPS_OPLOG_BEHIND', NOW_MS - HOUR * 1000],
      ]),
    });
    const exported = record(
      info('exported', { kind: 'dedicated', exportIntervalSeconds: 31 * 86_400 }),
      recent,
      {
        readings: new Map([
          ...snapshotReadings(summarise(recent), NOW_MS),
          [
            'export-jobs',
            {
              facts: {
                counts: [],
                lastSuccessfulTime: NOW - 60 * 86_400,
                lastFailedTime: undefined,
                unfinished: false,
              },
              success: true,
              lastReadMs: NOW_MS,
              error: undefined,
            },
          ],
        ]),
      },
    );
    const quiet = record(info('quiet'), recent);
    const body = page(
      state(
        [copying, exported, quiet],
        [withAudit([['CPS_SNAPSHOT_DELETED_AUDIT', 'api_key', NOW_MS - 3 * HOUR * 1000]])],
      ),
    );
    expect(body).toContain('<th scope="col">Notes</th>');
    const copyNotes = notesCell(body, 'copying');
    expect(copyNotes).toContain('copy failing <span title="2027-01-15 06:00:00 UTC">since 2 h</span>');
    expect(copyNotes).toContain('oplog behind');
    expect(copyNotes).toContain('snapshot deleted by an API key in the project <span');
    expect(notesCell(body, 'exported')).toContain('export overdue');
    expect(notesCell(body, 'quiet')).toBe('');
  });

  it('lists the audit events of the lookback newest first, the first 20 and how many more', () => {
    const few = withAudit([
      ['CPS_RESTORE_REQUESTED_AUDIT', 'user', NOW_MS - 5 * HOUR * 1000],
      ['TENANT_SNAPSHOT_DELETED_AUDIT', 'api_key', NOW_MS - HOUR * 1000],
      ['CPS_SNAPSHOT_DELETED_AUDIT', 'atlas', NOW_MS - LOOKBACK_MS - 1],
    ]);
    const body = page(state([], [few]));
    const list = body.match(/<ul class="audit">(.*?)<\/ul>/)?.[1] ?? '';
    expect(list.indexOf('TENANT_SNAPSHOT_DELETED_AUDIT</b> by an API key in <span')).toBeGreaterThanOrEqual(
      0,
    );
    expect(list.indexOf('TENANT_SNAPSHOT')).toBeLessThan(
      list.indexOf('CPS_RESTORE_REQUESTED_AUDIT</b> by a user'),
    );
    expect(list).toContain('payments');
    expect(list).not.toContain('CPS_SNAPSHOT_DELETED_AUDIT');
    expect(page(state([], []))).toContain('No backup audit event in the last 7 d.');
  });

  it('shows the newest 20 and says how many more', () => {
    const many = Array.from({ length: 23 }, (_, i) => ({
      ...withAudit([['CPS_SNAPSHOT_DELETED_AUDIT', 'user', NOW_MS - (i + 1) * HOUR * 1000]]),
      group: { ...auditGroup, id: String(i).padStart(24, '0'), name: `project-${i}` },
    }));
    const body = page(state([], many));
    expect(body).toContain('project-19<');
    expect(body).not.toContain('project-20<');
    expect(body).toContain('and 3 more');
  });
});
