import { describe, expect, it } from 'vitest';
import { clusterLabels, eventually, harnessPerTest, movableClock, sample } from './harness.js';

const start = harnessPerTest();

const MINUTE = 60_000;

/** The sum of a family's samples, of those whose labels contain `labels` if given. */
function total(body: string, name: string, labels = ''): number {
  return body
    .split('\n')
    .filter((l) => l.startsWith(`${name}{`) && l.includes(labels))
    .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

describe('the exporter against the simulator', () => {
  it('reads every kind through a service account and shows the problems of the scenario', async () => {
    const h = await start();
    const { body, status } = await h.scrape();
    expect(status).toBe(200);
    const { roles } = h.sim;
    const nowS = Date.now() / 1000;

    expect(sample(body, 'mongodbatlas_exporter_up')).toBe(1);
    const healthy = clusterLabels(roles.healthyFlex);
    expect(sample(body, 'mongodbatlas_backup_snapshots', { ...healthy, status: 'completed' })).toBe(8);
    expect(sample(body, 'mongodbatlas_backup_last_completed_snapshot_age_seconds', healthy)).toBeLessThan(
      86_400,
    );

    const overdue = clusterLabels(roles.overdueFlex);
    expect(sample(body, 'mongodbatlas_backup_last_completed_snapshot_age_seconds', overdue)).toBeGreaterThan(
      2 * 86_400,
    );

    const failed = clusterLabels(roles.failedFlex);
    const lastFailed = sample(body, 'mongodbatlas_backup_last_failed_snapshot_timestamp_seconds', failed);
    const lastCompleted = sample(
      body,
      'mongodbatlas_backup_last_completed_snapshot_timestamp_seconds',
      failed,
    );
    expect(lastFailed).toBeGreaterThan(lastCompleted ?? Number.POSITIVE_INFINITY);

    const stuck = clusterLabels(roles.stuckFlex);
    const unfinished = sample(
      body,
      'mongodbatlas_backup_oldest_unfinished_snapshot_timestamp_seconds',
      stuck,
    );
    expect(nowS - (unfinished ?? nowS)).toBeGreaterThan(4 * 3600);
    expect(sample(body, 'mongodbatlas_backup_snapshots', { ...stuck, status: 'in_progress' })).toBe(1);

    const fresh = clusterLabels(roles.newFlex);
    expect(sample(body, 'mongodbatlas_backup_cluster_info', fresh)).toBe(1);
    expect(
      sample(body, 'mongodbatlas_backup_last_completed_snapshot_timestamp_seconds', fresh),
    ).toBeUndefined();

    const serverless = clusterLabels(roles.healthyServerless[0] ?? roles.healthyFlex);
    expect(sample(body, 'mongodbatlas_backup_storage_bytes', serverless)).toBeGreaterThan(0);
    expect(sample(body, 'mongodbatlas_backup_expected_interval_seconds', serverless)).toBe(21_600);
    expect(sample(body, 'mongodbatlas_backup_storage_bytes', healthy)).toBeUndefined();

    expect(sample(body, 'mongodbatlas_backup_cluster_info', clusterLabels(roles.migrated.flex))).toBe(1);
    expect(sample(body, 'mongodbatlas_backup_cluster_info', clusterLabels(roles.migrated.serverless))).toBe(
      1,
    );

    // Nothing was retried, and the counters say so from the first scrape.
    expect(
      sample(body, 'mongodbatlas_exporter_api_retries_total', { endpoint: 'oauth_token', reason: 'timeout' }),
    ).toBe(0);
    expect(
      sample(body, 'mongodbatlas_exporter_api_retries_total', {
        endpoint: 'flex_snapshots',
        reason: 'rate_limited',
      }),
    ).toBe(0);
    expect(sample(body, 'mongodbatlas_exporter_api_auth_challenges_total')).toBeUndefined();

    const unreadable = { group_id: roles.unreadableProject.groupId, cluster_kind: 'flex' };
    expect(sample(body, 'mongodbatlas_exporter_project_collect_success', unreadable)).toBe(0);
    expect(sample(body, 'mongodbatlas_exporter_refreshes_total', { result: 'partial' })).toBe(1);
    expect(body).toContain(`group_name="${roles.specialNameProject.groupName}"`);
  });

  it('reads the same through an API key with Digest, one round trip per request once challenged', async () => {
    const clock = movableClock();
    const h = await start({ auth: 'api-key', now: clock.now });
    const first = await h.scrape();
    expect(sample(first.body, 'mongodbatlas_exporter_up')).toBe(1);
    expect(
      sample(first.body, 'mongodbatlas_backup_snapshots', {
        ...clusterLabels(h.sim.roles.healthyFlex),
        status: 'completed',
      }),
    ).toBe(8);

    clock.advance(6 * MINUTE);
    h.sim.resetRequests();
    await h.scrape();
    const unreadable = h.sim.roles.unreadableProject.groupId;
    const challenges = h.sim.requests.filter((r) => r.status === 401 && !r.path.includes(unreadable));
    expect(h.sim.requests.length).toBeGreaterThan(10);
    expect(challenges).toEqual([]);
  });

  it('counts Digest challenges apart from requests, a stale nonce too, and refusals as 401', async () => {
    const clock = movableClock();
    const now = clock.now;
    const h = await start({ now, auth: 'api-key', sim: { now, nonceTtlSeconds: 30 } });
    const first = (await h.scrape()).body;
    expect(sample(first, 'mongodbatlas_exporter_api_auth_challenges_total', { endpoint: 'groups' })).toBe(1);
    expect(
      sample(first, 'mongodbatlas_exporter_api_requests_total', { endpoint: 'groups', code: '200' }),
    ).toBe(1);
    expect(
      sample(first, 'mongodbatlas_exporter_api_auth_challenges_total', { endpoint: 'flex_snapshots' }),
    ).toBe(0);
    expect(
      sample(first, 'mongodbatlas_exporter_api_retries_total', { endpoint: 'oauth_token' }),
    ).toBeUndefined();
    clock.advance(6 * MINUTE);
    const second = (await h.scrape()).body;
    // The nonce expired between refreshes: Atlas answered stale=true once, on the first request.
    expect(sample(second, 'mongodbatlas_exporter_api_auth_challenges_total', { endpoint: 'groups' })).toBe(2);
    expect(
      sample(second, 'mongodbatlas_exporter_api_requests_total', { endpoint: 'groups', code: '200' }),
    ).toBe(2);
    expect(
      sample(second, 'mongodbatlas_exporter_api_requests_total', { endpoint: 'groups', code: '401' }),
    ).toBe(undefined);
    // Every 401 on the wire is either a challenge or a refusal (the unreadable project), never both.
    const onTheWire = h.sim.requests.filter((r) => r.status === 401).length;
    const challenges = total(second, 'mongodbatlas_exporter_api_auth_challenges_total');
    const refusals = total(second, 'mongodbatlas_exporter_api_requests_total', 'code="401"');
    expect(challenges).toBe(2);
    expect(refusals).toBeGreaterThan(0);
    expect(challenges + refusals).toBe(onTheWire);
    // its lists, and its events once, at start, for the backup events' lookback
    for (const line of second.split('\n').filter((l) => l.includes('code="401"')))
      expect(line).toMatch(/endpoint="(flex_clusters|serverless_instances|clusters|project_events)"/);
  });

  it('counts a wrong API key as one challenge and one 401 per refresh', async () => {
    const h = await start({
      auth: { MONGODB_ATLAS_PUBLIC_API_KEY: 'pubkey', MONGODB_ATLAS_PRIVATE_API_KEY: 'wrong' },
    });
    const { body } = await h.scrape();
    expect(sample(body, 'mongodbatlas_exporter_up')).toBe(0);
    expect(
      sample(body, 'mongodbatlas_exporter_api_requests_total', { endpoint: 'groups', code: '401' }),
    ).toBe(1);
    expect(sample(body, 'mongodbatlas_exporter_api_auth_challenges_total', { endpoint: 'groups' })).toBe(1);
  });

  it('reports wrong credentials as up 0 with one clear log line, not one per refresh', async () => {
    const clock = movableClock();
    const h = await start({
      now: clock.now,
      auth: {
        MONGODB_ATLAS_CLIENT_ID: 'mdb_sa_id_000000000000000000000000',
        MONGODB_ATLAS_CLIENT_SECRET: 'mdb_sa_sk_wrong',
      },
    });
    const first = await h.scrape();
    expect(sample(first.body, 'mongodbatlas_exporter_up')).toBe(0);
    expect(sample(first.body, 'mongodbatlas_exporter_refreshes_total', { result: 'failure' })).toBe(1);
    // Nothing was ever collected: no age at all, rather than a "fresh" 0.
    expect(sample(first.body, 'mongodbatlas_exporter_data_age_seconds')).toBeUndefined();
    expect(sample(first.body, 'mongodbatlas_exporter_last_refresh_timestamp_seconds')).toBeGreaterThan(0);
    clock.advance(6 * MINUTE);
    const second = await h.scrape();
    expect(sample(second.body, 'mongodbatlas_exporter_refreshes_total', { result: 'failure' })).toBe(2);

    const warnings = h.logs.filter((l) => l.level === 'warn' || l.level === 'error');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      msg: 'cannot list Atlas projects',
      code: 'ATLAS_AUTH_FAILED',
      status: 401,
    });
    expect(h.rawLogs.join('')).not.toContain('mdb_sa_sk_wrong');
  });

  it('fetches a new token when Atlas refuses a young one, and reads on within that refresh', async () => {
    const clock = movableClock();
    const h = await start({ now: clock.now, sim: { now: clock.now }, args: ['--atlas.cache-ttl=1m'] });
    const healthy = clusterLabels(h.sim.roles.healthyFlex);
    expect(sample((await h.scrape()).body, 'mongodbatlas_exporter_up')).toBe(1);
    // Two minutes old, an hour to live: revoked (or forgotten by Atlas), not expired.
    h.sim.revokeTokens();
    clock.advance(2 * MINUTE);
    h.sim.resetRequests();
    const logged = h.logs.length;
    const { body } = await h.scrape();
    expect(sample(body, 'mongodbatlas_exporter_up')).toBe(1);
    expect(sample(body, 'mongodbatlas_exporter_refreshes_total', { result: 'failure' })).toBe(0);
    expect(sample(body, 'mongodbatlas_backup_collect_success', healthy)).toBe(1);
    expect(h.sim.requests.filter((r) => r.endpoint === 'oauth_token')).toHaveLength(1);
    // One refused request, sent again with the new token; the unreadable project refuses as always.
    const unreadable = `/groups/${h.sim.roles.unreadableProject.groupId}/`;
    const refused = h.sim.requests.filter((r) => r.status === 401 && !r.path.includes(unreadable));
    expect(refused.map((r) => r.endpoint)).toEqual(['groups']);
    expect(h.logs.slice(logged).filter((l) => l.level === 'warn')).toEqual([]);
  });

  it('waits out a 429 with Retry-After and retries a 5xx', async () => {
    const h = await start({ logLevel: 'info' });
    await eventually(() => h.exporter.collector.ready());
    const clock = { before: Date.now() };
    h.sim.injectFault({ match: 'groups', kind: 'status', status: 429, retryAfterSeconds: 1 });
    h.sim.injectFault({ match: 'flex_clusters', kind: 'status', status: 503 });
    await h.exporter.collector.refreshNow();
    const body = (await h.scrape()).body;
    expect(Date.now() - clock.before).toBeGreaterThanOrEqual(1000);
    expect(sample(body, 'mongodbatlas_exporter_up')).toBe(1);
    expect(sample(body, 'mongodbatlas_exporter_refreshes_total', { result: 'failure' })).toBe(0);
    expect(
      sample(body, 'mongodbatlas_exporter_api_retries_total', { endpoint: 'groups', reason: 'rate_limited' }),
    ).toBe(1);
    expect(
      sample(body, 'mongodbatlas_exporter_api_retries_total', {
        endpoint: 'flex_clusters',
        reason: 'server_error',
      }),
    ).toBe(1);
    expect(
      sample(body, 'mongodbatlas_exporter_api_requests_total', { endpoint: 'groups', code: '429' }),
    ).toBe(1);
  });

  it('keeps the last values of the one cluster whose body is malformed, and only that one', async () => {
    const clock = movableClock();
    const h = await start({ now: clock.now, args: ['--atlas.snapshot-recheck-interval=0s'] });
    const healthy = clusterLabels(h.sim.roles.healthyFlex);
    const failed = clusterLabels(h.sim.roles.failedFlex);
    const before = (await h.scrape()).body;
    const lastGood = sample(before, 'mongodbatlas_backup_last_completed_snapshot_timestamp_seconds', healthy);

    h.sim.injectFault({
      match: new RegExp(`/flexClusters/${healthy.cluster_name}/backup/snapshots$`),
      kind: 'malformed-json',
      times: 10,
    });
    clock.advance(6 * MINUTE);
    const after = (await h.scrape()).body;
    expect(sample(after, 'mongodbatlas_backup_collect_success', healthy)).toBe(0);
    expect(sample(after, 'mongodbatlas_backup_last_completed_snapshot_timestamp_seconds', healthy)).toBe(
      lastGood,
    );
    expect(sample(after, 'mongodbatlas_backup_snapshots', { ...healthy, status: 'completed' })).toBe(8);
    expect(sample(after, 'mongodbatlas_backup_collect_success', failed)).toBe(1);
    expect(sample(after, 'mongodbatlas_exporter_up')).toBe(1);
    const warning = h.logs.find(
      (l) => l.msg === 'cannot read backup snapshots' && l.cluster_name === healthy.cluster_name,
    );
    expect(warning).toMatchObject({ code: 'ATLAS_MALFORMED_RESPONSE' });
  });

  it('drops a deleted cluster on the next refresh', async () => {
    const clock = movableClock();
    const h = await start({ now: clock.now });
    const gone = clusterLabels(h.sim.roles.healthyFlex);
    expect(sample((await h.scrape()).body, 'mongodbatlas_backup_cluster_info', gone)).toBe(1);
    expect(h.sim.removeCluster(h.sim.roles.healthyFlex)).toBe(true);
    clock.advance(6 * MINUTE);
    const body = (await h.scrape()).body;
    expect(body).not.toContain(`cluster_name="${gone.cluster_name}"`);
    expect(sample(body, 'mongodbatlas_backup_cluster_info', clusterLabels(h.sim.roles.failedFlex))).toBe(1);
  });

  it('answers ten concurrent scrapes with exactly one refresh', async () => {
    const clock = movableClock();
    const h = await start({ now: clock.now, sim: { latencyMs: 20 } });
    await h.scrape();
    clock.advance(6 * MINUTE);
    h.sim.resetRequests();
    const scrapes = await Promise.all(Array.from({ length: 10 }, () => h.scrape()));
    expect(scrapes.every((s) => s.status === 200 && sample(s.body, 'mongodbatlas_exporter_up') === 1)).toBe(
      true,
    );
    // One refresh: the project list once, and no other request twice.
    expect(h.sim.requests.filter((r) => r.endpoint === 'groups')).toHaveLength(1);
    const targets = h.sim.requests.map((r) => `${r.path} ${JSON.stringify(r.query)}`);
    expect(new Set(targets).size).toBe(targets.length);
  });

  it('serves cached data within a short scrape timeout while the refresh goes on', async () => {
    const clock = movableClock();
    const h = await start({ now: clock.now, sim: { latencyMs: 150 } });
    await h.scrape();
    h.sim.removeCluster(h.sim.roles.healthyFlex);
    clock.advance(6 * MINUTE);

    const started = Date.now();
    const quick = await h.scrape({ 'X-Prometheus-Scrape-Timeout-Seconds': '0.5' });
    expect(Date.now() - started).toBeLessThan(500);
    expect(
      sample(quick.body, 'mongodbatlas_backup_cluster_info', clusterLabels(h.sim.roles.healthyFlex)),
    ).toBe(1);

    await h.exporter.collector.refreshNow();
    const later = await h.scrape({ 'X-Prometheus-Scrape-Timeout-Seconds': '1' });
    expect(later.body).not.toContain(`cluster_name="${h.sim.roles.healthyFlex.name}"`);
  });

  it('treats retired serverless endpoints as an empty kind with one warning', async () => {
    const h = await start({ sim: { serverlessRetired: true } });
    const { body } = await h.scrape();
    expect(sample(body, 'mongodbatlas_exporter_up')).toBe(1);
    expect(body).not.toContain('cluster_kind="serverless",group_name');
    const project = { group_id: h.sim.roles.healthyFlex.groupId, cluster_kind: 'serverless' };
    expect(sample(body, 'mongodbatlas_exporter_project_collect_success', project)).toBe(1);
    expect(sample(body, 'mongodbatlas_backup_collect_success', clusterLabels(h.sim.roles.healthyFlex))).toBe(
      1,
    );
    expect(
      sample(body, 'mongodbatlas_exporter_api_sunset_timestamp_seconds', {
        endpoint: 'serverless_instances',
      }),
    ).toBeGreaterThan(0);
  });

  it('advises the kinds without serverless once its listing answers 410 Gone', async () => {
    const h = await start();
    h.sim.injectFault({ match: 'serverless_instances', kind: 'status', status: 410, times: 1000 });
    await h.scrape();
    const advice = h.logs.filter(
      (l) => l.level === 'warn' && String(l.msg).startsWith('Atlas retired the serverless endpoints'),
    );
    // Once, and keeping dedicated: a bare "flex" would silently stop watching dedicated clusters.
    expect(advice.map((l) => l.msg)).toEqual([
      'Atlas retired the serverless endpoints; set --atlas.cluster-kinds=flex,dedicated to stop asking',
    ]);
  });

  it.each(['serverless_instances', 'serverless_snapshots'] as const)(
    'asks a project for serverless again only after the recheck interval once %s answered 410',
    async (endpoint) => {
      const clock = movableClock();
      const h = await start({ now: clock.now, sim: { now: clock.now }, logLevel: 'info' });
      h.sim.injectFault({
        match: endpoint,
        kind: 'status',
        status: 410,
        errorCode: 'VERSION_GONE',
        times: 1e6,
      });
      const { body } = await h.scrape();
      // The projects that answered 410; one without serverless instances has no snapshots to refuse.
      const gone = new Set(h.sim.requests.filter((r) => r.status === 410).map((r) => r.path.split('/')[5]));
      expect(gone.size).toBeGreaterThan(0);
      const serverless = () =>
        h.sim.requests.filter((r) => r.endpoint.startsWith('serverless_') && gone.has(r.path.split('/')[5]))
          .length;
      const project = { group_id: h.sim.roles.healthyFlex.groupId, cluster_kind: 'serverless' };
      expect(sample(body, 'mongodbatlas_exporter_project_collect_success', project)).toBe(1);
      const asked = serverless();
      expect(asked).toBeGreaterThan(0);
      // Eleven more refreshes within the default 1h recheck interval: not one serverless request.
      for (let i = 0; i < 11; i++) {
        clock.advance(5 * MINUTE + 1000);
        const later = await h.scrape();
        expect(sample(later.body, 'mongodbatlas_exporter_project_collect_success', project)).toBe(1);
        expect(sample(later.body, 'mongodbatlas_exporter_up')).toBe(1);
      }
      expect(
        sample((await h.scrape()).body, 'mongodbatlas_exporter_refreshes_total', { result: 'failure' }),
      ).toBe(0);
      expect(serverless()).toBe(asked);
      clock.advance(5 * MINUTE);
      await h.scrape();
      expect(serverless()).toBeGreaterThan(asked);
    },
  );

  describe('once the serverless listing is gone (410) past its Sunset date, 2027-01-18', () => {
    /** Serverless listings asked while the clock, Atlas's and the exporter's, is `at`, over 1 h 55 min. */
    async function asked(at: string, args: string[] = []) {
      const clock = movableClock();
      clock.advance(Date.parse(at) - clock.now());
      const h = await start({
        now: clock.now,
        sim: { now: clock.now, serverlessRetired: 'gone' },
        args,
        logLevel: 'info',
      });
      const listings = () => h.sim.requests.filter((r) => r.endpoint === 'serverless_instances').length;
      await h.scrape();
      const first = listings();
      for (let i = 0; i < 23; i++) {
        clock.advance(5 * MINUTE);
        const { body } = await h.scrape();
        expect(sample(body, 'mongodbatlas_exporter_up')).toBe(1);
      }
      const said = (level: string, text: string) =>
        h.logs.filter((l) => l.level === level && String(l.msg).includes(text)).length;
      return {
        first,
        later: listings() - first,
        info: said('info', 'Atlas removed the serverless listing'),
        warn: said('warn', 'Atlas retired the serverless endpoints'),
      };
    }

    it('stops asking for serverless for good, with one INFO', async () => {
      const after = await asked('2027-02-01T12:00:00Z');
      expect(after.first).toBeGreaterThan(0);
      expect(after).toMatchObject({ later: 0, info: 1, warn: 0 });
    });

    it('asks again after the recheck interval before the sunset, or when --atlas.cluster-kinds names serverless', async () => {
      const before = await asked('2027-01-17T12:00:00Z');
      expect(before.later).toBeGreaterThanOrEqual(before.first);
      expect(before).toMatchObject({ info: 0, warn: 1 });
      const named = await asked('2027-02-01T12:00:00Z', ['--atlas.cluster-kinds=flex,serverless,dedicated']);
      expect(named.later).toBeGreaterThanOrEqual(named.first);
      expect(named).toMatchObject({ info: 0, warn: 1 });
    });
  });

  it('drops a cluster that could not be read for longer than --atlas.stale-after', async () => {
    const clock = movableClock();
    const h = await start({
      now: clock.now,
      args: ['--atlas.stale-after=30m', '--atlas.snapshot-recheck-interval=0s'],
    });
    const broken = clusterLabels(h.sim.roles.healthyFlex);
    await h.scrape();
    h.sim.injectFault({
      match: new RegExp(`/flexClusters/${broken.cluster_name}/backup/snapshots$`),
      kind: 'status',
      status: 404,
      errorCode: 'CLUSTER_NOT_FOUND',
      times: 100,
    });
    clock.advance(20 * MINUTE);
    const stale = (await h.scrape()).body;
    expect(sample(stale, 'mongodbatlas_backup_collect_success', broken)).toBe(0);
    expect(sample(stale, 'mongodbatlas_backup_snapshots', { ...broken, status: 'completed' })).toBe(8);
    clock.advance(20 * MINUTE);
    const dropped = (await h.scrape()).body;
    expect(sample(dropped, 'mongodbatlas_backup_cluster_info', broken)).toBeUndefined();
    expect(
      sample(dropped, 'mongodbatlas_backup_collect_success', clusterLabels(h.sim.roles.failedFlex)),
    ).toBe(1);
  });

  it('answers scrapes from the cache at once while a refresh runs, in either mode', async () => {
    for (const mode of ['on-scrape', 'background']) {
      const h = await start({ sim: { latencyMs: 150 }, args: [`--atlas.refresh-mode=${mode}`] });
      await h.scrape();
      const refreshing = h.exporter.collector.refreshNow();
      const started = Date.now();
      const { body } = await h.scrape();
      expect(Date.now() - started).toBeLessThan(150);
      expect(sample(body, 'mongodbatlas_exporter_up')).toBe(1);
      await refreshing;
    }
  });

  it('refreshes on a timer in background mode, without scrapes', async () => {
    const h = await start({
      args: ['--atlas.refresh-mode=background', '--atlas.cache-ttl=1s', '--atlas.stale-after=1m'],
    });
    const refreshes = async () =>
      sample((await h.scrape()).body, 'mongodbatlas_exporter_refreshes_total', { result: 'partial' }) ?? 0;
    await eventually(async () => (await refreshes()) >= 2, 5000);
    expect(h.sim.requests.filter((r) => r.endpoint === 'groups').length).toBeGreaterThanOrEqual(2);
  });

  it('reads only the fixed projects and the clusters the include and exclude expressions select', async () => {
    const { roles } = (await start()).sim;
    const h = await start({
      args: [
        `--atlas.project-id=${roles.healthyFlex.groupId}`,
        '--atlas.cluster-include=.*-prod',
        '--atlas.cluster-exclude=payments-.*',
        '--atlas.cluster-kinds=flex',
      ],
    });
    const { body } = await h.scrape();
    const names = [...body.matchAll(/^mongodbatlas_backup_cluster_info\{[^}]*cluster_name="([^"]+)"/gm)].map(
      (m) => m[1],
    );
    expect(names.sort()).toEqual(['catalog-prod', 'inventory-prod', 'orders-prod']);
    expect(body).toContain(`group_name="${roles.healthyFlex.groupName}"`);
    expect(h.sim.requests.some((r) => r.endpoint === 'serverless_instances')).toBe(false);
  });
});
