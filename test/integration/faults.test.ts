import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaultSpec } from '../../simulator/index.js';
import { clusterLabels, harnessPerTest, movableClock, sample } from './harness.js';

/**
 * Every way Atlas (or a proxy in front of it) can misbehave, per endpoint: the exporter keeps
 * serving, keeps the last good data marked by collect_success, counts the problem, and logs it
 * once, not once per refresh.
 */
type Effect = 'discovery' | 'listing' | 'cluster' | 'none';

interface Case {
  name: string;
  fault: FaultSpec;
  effect: Effect;
  /** the api_requests_total code the fault shows up as, and its endpoint when `match` is no name */
  code?: string;
  endpoint?: string;
  auth?: 'api-key';
  args?: string[];
  /** --atlas.request-timeout, 1s unless the fault needs longer to be what it is */
  requestTimeout?: string;
}

type Page = {
  results: Array<Record<string, unknown>>;
  totalCount?: number;
  links?: Array<{ rel: string; href: string }>;
};
const rewrite =
  (f: (page: Page) => unknown): FaultSpec['rewrite'] =>
  (body) =>
    f(body as Page);
const snapshots = 'flex_snapshots' as const;
const html = '<html><body><h1>Bad gateway</h1></body></html>';

const CASES: Case[] = [
  ...([401, 403, 404, 500, 502, 503, 504] as const).flatMap((status) => [
    {
      name: `groups ${status}`,
      fault: { match: 'groups', kind: 'status', status },
      effect: 'discovery',
      code: String(status),
    } as Case,
    {
      name: `flex_clusters ${status}`,
      fault: { match: 'flex_clusters', kind: 'status', status },
      effect: 'listing',
      code: String(status),
    } as Case,
    {
      name: `flex_snapshots ${status}`,
      fault: { match: snapshots, kind: 'status', status },
      effect: 'cluster',
      code: String(status),
    } as Case,
  ]),
  {
    name: 'flex_snapshots 410',
    fault: { match: snapshots, kind: 'status', status: 410, errorCode: 'VERSION_GONE' },
    effect: 'cluster',
    code: '410',
  },
  {
    name: 'serverless_snapshots 410 (retired)',
    fault: { match: 'serverless_snapshots', kind: 'status', status: 410, errorCode: 'VERSION_GONE' },
    effect: 'none',
    code: '410',
  },
  {
    name: 'serverless_instances 404 (retired)',
    fault: { match: 'serverless_instances', kind: 'status', status: 404 },
    effect: 'none',
    code: '404',
  },
  {
    name: '429 with Retry-After',
    fault: { match: 'groups', kind: 'status', status: 429, retryAfterSeconds: 1 },
    effect: 'discovery',
    code: '429',
    args: ['--atlas.max-retries=1'],
  },
  {
    name: '429 without Retry-After',
    fault: { match: snapshots, kind: 'status', status: 429 },
    effect: 'cluster',
    code: '429',
  },
  {
    name: 'latency past the request timeout',
    fault: { match: /\/orders-prod\/backup\/snapshots$/, kind: 'delay', delayMs: 1500 },
    effect: 'cluster',
    code: 'timeout',
    endpoint: snapshots,
  },
  {
    name: 'connection reset',
    fault: { match: 'flex_clusters', kind: 'reset' },
    effect: 'listing',
    code: 'network_error',
  },
  {
    name: 'reset mid-body',
    fault: { match: snapshots, kind: 'truncated' },
    effect: 'cluster',
    code: 'network_error',
  },
  {
    name: 'malformed JSON',
    fault: { match: 'groups', kind: 'malformed-json' },
    effect: 'discovery',
    code: '200',
  },
  {
    name: 'HTML page with 200',
    fault: { match: snapshots, kind: 'body', status: 200, body: html },
    effect: 'cluster',
    code: '200',
  },
  {
    name: 'HTML page with 502',
    fault: { match: 'flex_clusters', kind: 'body', status: 502, body: html },
    effect: 'listing',
    code: '502',
  },
  {
    name: 'huge body',
    fault: {
      match: 'groups',
      kind: 'body',
      status: 200,
      contentType: 'application/json',
      body: `{"results":[],"x":"${'x'.repeat(65 * 2 ** 20)}"}`,
    },
    effect: 'discovery',
    code: '200',
    // Reading 65 MiB can take over a second on a loaded machine: then it is a timeout, not the
    // size limit under test, and the next refresh's size error is a second warning.
    requestTimeout: '30s',
  },
  {
    name: 'results not an array',
    fault: { match: snapshots, kind: 'rewrite', rewrite: () => ({ results: 'nope' }) },
    effect: 'cluster',
    code: '200',
  },
  {
    name: 'next link that loops',
    fault: {
      match: snapshots,
      kind: 'rewrite',
      rewrite: rewrite((p) => ({
        ...p,
        totalCount: 999,
        links: [{ rel: 'next', href: 'http://x/?pageNum=1' }],
      })),
    },
    effect: 'cluster',
    code: '200',
  },
  {
    name: 'totalCount that lies',
    fault: { match: snapshots, kind: 'rewrite', rewrite: rewrite((p) => ({ ...p, totalCount: 50 })) },
    effect: 'none',
    code: '200',
  },
  {
    name: 'items repeated',
    fault: {
      match: snapshots,
      kind: 'rewrite',
      rewrite: rewrite((p) => ({ ...p, results: [...p.results, ...p.results] })),
    },
    effect: 'none',
    code: '200',
  },
  {
    name: 'empty page with a next link',
    fault: {
      match: 'flex_clusters',
      kind: 'rewrite',
      rewrite: rewrite((p) => ({ ...p, results: [], links: [{ rel: 'next', href: 'http://x/?pageNum=2' }] })),
    },
    effect: 'listing',
    code: '200',
  },
  {
    name: 'unknown status, nulls, extra and missing fields, bad and future dates',
    fault: {
      match: snapshots,
      kind: 'rewrite',
      rewrite: rewrite((p) => ({
        ...p,
        results: p.results.map((s, i) => ({
          ...s,
          status: i === 0 ? 'COPYING_TO_REGION' : s.status,
          mongoDBVersion: null,
          extra: { nested: [1] },
          expiration: 'not a date',
          ...(i === 1 ? { startTime: '2999-01-01T00:00:00Z' } : {}),
          ...(i === 2 ? { id: undefined, scheduledTime: undefined } : {}),
        })),
      })),
    },
    effect: 'none',
    code: '200',
  },
  {
    name: 'token endpoint 429 RATE_LIMITED',
    fault: { match: 'oauth_token', kind: 'status', status: 429, errorCode: 'RATE_LIMITED' },
    effect: 'discovery',
    code: '429',
  },
  {
    name: 'token endpoint 403 token limit',
    fault: {
      match: 'oauth_token',
      kind: 'body',
      status: 403,
      contentType: 'application/json',
      body: '{"error":"access_denied","error_description":"Access Token limit reached."}',
    },
    effect: 'discovery',
    code: '403',
  },
];

const WARNINGS = new Set([
  'cannot list Atlas projects',
  'cannot list clusters',
  'cannot read backup snapshots',
]);
const MINUTE = 60_000;

const start = harnessPerTest();

const unhandled: unknown[] = [];
const onUnhandled = (err: unknown) => unhandled.push(err);
beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
});
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

describe('faults from Atlas', () => {
  it.each(CASES)('$name: keeps serving the last good data and says so once', async (c) => {
    const clock = movableClock();
    const now = clock.now;
    const h = await start({
      now,
      sim: { now, tokenTtlSeconds: 60 },
      logLevel: 'info',
      // every list on every refresh, so each faulty answer is asked for
      args: [
        `--atlas.request-timeout=${c.requestTimeout ?? '1s'}`,
        '--atlas.snapshot-recheck-interval=0s',
        ...(c.args ?? ['--atlas.max-retries=0']),
      ],
    });
    const healthy = clusterLabels(h.sim.roles.healthyFlex);
    const good = (await h.scrape()).body;
    const lastGood = sample(good, 'mongodbatlas_backup_last_completed_snapshot_timestamp_seconds', healthy);
    expect(lastGood).toBeDefined();

    h.sim.injectFault({ ...c.fault, times: 1000 });
    const warningsBefore = h.logs.filter((l) => WARNINGS.has(String(l.msg))).length;
    for (const _ of [1, 2]) {
      clock.advance(6 * MINUTE);
      const { status, body } = await h.scrape();
      expect(status).toBe(200);
      const up = sample(body, 'mongodbatlas_exporter_up');
      const clusterOk = sample(body, 'mongodbatlas_backup_collect_success', healthy);
      const projectOk = sample(body, 'mongodbatlas_exporter_project_collect_success', {
        group_id: healthy.group_id,
        cluster_kind: 'flex',
      });
      expect({ up, clusterOk, projectOk }).toEqual({
        up: c.effect === 'discovery' ? 0 : 1,
        clusterOk: c.effect === 'none' ? 1 : 0,
        projectOk: c.effect === 'discovery' || c.effect === 'listing' ? 0 : 1,
      });
      if (c.effect !== 'none') {
        expect(sample(body, 'mongodbatlas_backup_last_completed_snapshot_timestamp_seconds', healthy)).toBe(
          lastGood,
        );
      }
      const endpoint = c.endpoint ?? (typeof c.fault.match === 'string' ? c.fault.match : 'groups');
      expect(
        sample(body, 'mongodbatlas_exporter_api_requests_total', { endpoint, code: c.code ?? '' }),
      ).toBeGreaterThan(0);
    }
    const warnings = h.logs.filter((l) => WARNINGS.has(String(l.msg))).length - warningsBefore;
    if (c.effect === 'none') expect(warnings).toBe(0);
    else expect(warnings).toBeGreaterThanOrEqual(1);
    // One line per problem: the second faulty refresh adds no warning of its own.
    const perScope = new Map<string, number>();
    for (const l of h.logs.filter((x) => WARNINGS.has(String(x.msg))).slice(warningsBefore)) {
      const scope = `${l.msg}/${l.group_id}/${l.cluster_kind}/${l.cluster_name}`;
      perScope.set(scope, (perScope.get(scope) ?? 0) + 1);
    }
    expect(Math.max(0, ...perScope.values())).toBeLessThanOrEqual(1);
  });

  it('stops at the first page that repeats only items seen before and still links on', async () => {
    const clock = movableClock();
    const now = clock.now;
    const h = await start({
      now,
      sim: { now },
      logLevel: 'info',
      args: ['--atlas.snapshot-recheck-interval=0s'],
    });
    const healthy = clusterLabels(h.sim.roles.healthyFlex);
    const path = `/flexClusters/${h.sim.roles.healthyFlex.name}/backup/snapshots`;
    const good = (await h.scrape()).body;
    const lastGood = sample(good, 'mongodbatlas_backup_last_completed_snapshot_timestamp_seconds', healthy);
    const partial = sample(good, 'mongodbatlas_exporter_refreshes_total', { result: 'partial' }) ?? 0;
    h.sim.injectFault({ match: (r) => r.path.endsWith(path), kind: 'endless-pages', times: 10_000 });
    for (const refresh of [1, 2]) {
      h.sim.resetRequests();
      clock.advance(6 * MINUTE);
      const { body } = await h.scrape();
      // Page 1, then page 2 with the same ids: a loop, not a list of a thousand pages.
      expect(h.sim.requests.filter((r) => r.path.endsWith(path))).toHaveLength(2);
      expect(sample(body, 'mongodbatlas_backup_collect_success', healthy)).toBe(0);
      expect(sample(body, 'mongodbatlas_backup_last_completed_snapshot_timestamp_seconds', healthy)).toBe(
        lastGood,
      );
      expect(sample(body, 'mongodbatlas_exporter_refreshes_total', { result: 'partial' })).toBe(
        partial + refresh,
      );
    }
    const warnings = h.logs.filter((l) => l.msg === 'cannot read backup snapshots');
    expect(warnings).toEqual([expect.objectContaining({ code: 'ATLAS_PAGING_LIMIT', ...healthy })]);
  });

  it('refuses a snapshot list larger than any page Atlas sends, counts it, and keeps the last good data', async () => {
    const clock = movableClock();
    const h = await start({ now: clock.now, args: ['--atlas.snapshot-recheck-interval=0s'] });
    const healthy = clusterLabels(h.sim.roles.healthyFlex);
    const path = `/flexClusters/${h.sim.roles.healthyFlex.name}/backup/snapshots`;
    const good = (await h.scrape()).body;
    const lastGood = sample(good, 'mongodbatlas_backup_last_completed_snapshot_timestamp_seconds', healthy);
    const ok = { endpoint: 'flex_snapshots', code: '200' };
    const okBefore = sample(good, 'mongodbatlas_exporter_api_requests_total', ok) ?? 0;
    // Valid JSON, 17 MiB: a page of 500 items would need 35 KiB an item to be this long.
    const item = JSON.stringify({ id: 'x', padding: 'x'.repeat(1024) });
    const body = `{"results":[${Array(17 * 1024)
      .fill(item)
      .join(',')}],"totalCount":1}`;
    h.sim.injectFault({ match: (r) => r.path.endsWith(path), kind: 'body', body, times: 1 });
    clock.advance(6 * MINUTE);
    const after = (await h.scrape()).body;
    expect(sample(after, 'mongodbatlas_backup_collect_success', healthy)).toBe(0);
    expect(sample(after, 'mongodbatlas_backup_last_completed_snapshot_timestamp_seconds', healthy)).toBe(
      lastGood,
    );
    // Every list was read again, the refused one included: it is counted with the status it had.
    expect(sample(after, 'mongodbatlas_exporter_api_requests_total', ok)).toBe(2 * okBefore);
    const warning = h.logs.find((l) => l.msg === 'cannot read backup snapshots');
    expect(warning).toMatchObject({ code: 'ATLAS_MALFORMED_RESPONSE', ...healthy });
    expect(warning?.error).toContain(`body exceeds ${500 * 16 * 1024} bytes`);
  });

  it('re-challenges a stale Digest nonce without failing the refresh', async () => {
    const clock = movableClock();
    const now = clock.now;
    const h = await start({ now, auth: 'api-key', sim: { now, nonceTtlSeconds: 30 } });
    await h.scrape();
    clock.advance(6 * MINUTE);
    h.sim.resetRequests();
    const { body } = await h.scrape();
    expect(sample(body, 'mongodbatlas_exporter_refreshes_total', { result: 'failure' })).toBe(0);
    const stale = h.sim.requests.filter((r) => r.status === 401 && r.endpoint === 'groups');
    expect(stale).toHaveLength(1);
    expect(sample(body, 'mongodbatlas_backup_collect_success', clusterLabels(h.sim.roles.healthyFlex))).toBe(
      1,
    );
  });
});
