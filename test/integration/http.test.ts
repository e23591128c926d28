import { describe, expect, it } from 'vitest';
import { SECRET_MASK } from '../../src/config/describe.js';
import { escapeHtml } from '../../src/http/html.js';
import { eventually, harnessPerTest } from './harness.js';

const start = harnessPerTest();

describe('the HTTP surface', () => {
  it('is healthy at once, ready after the first refresh, and 404 elsewhere', async () => {
    const h = await start({ sim: { latencyMs: 200 } });
    expect((await h.get('/-/healthy')).status).toBe(200);
    expect((await h.get('/-/ready')).status).toBe(503);
    await eventually(async () => (await h.get('/-/ready')).status === 200, 10_000);
    expect((await h.get('/nope')).status).toBe(404);
    const landing = await h.get('/');
    expect(landing.status).toBe(200);
  });

  it('negotiates OpenMetrics and gzip as Go’s promhttp does, without x-powered-by', async () => {
    const h = await start();
    const open = await h.scrape({ Accept: 'application/openmetrics-text;version=1.0.0,text/plain;q=0.5' });
    expect(open.headers['content-type']).toContain('application/openmetrics-text; version=1.0.0');
    expect(open.body.endsWith('# EOF\n')).toBe(true);
    expect(open.body).toContain('# TYPE mongodbatlas_exporter_api_requests counter');
    const text = await h.scrape({ Accept: 'text/plain, application/openmetrics-text;q=0' });
    expect(text.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(text.body).not.toContain('# EOF');

    const zipped = await h.scrape({ 'Accept-Encoding': 'gzip, deflate' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.body).toContain('mongodbatlas_exporter_up 1');
    expect(zipped.headers['x-powered-by']).toBeUndefined();

    const refused = await h.scrape({ 'Accept-Encoding': 'gzip;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.headers['content-type']).toContain('text/plain; version=0.0.4');
  });

  it('lists projects and clusters on the landing page, with names from Atlas escaped', async () => {
    const h = await start();
    await h.scrape();
    const { body } = await h.get('/');
    const special = h.sim.roles.specialNameProject.groupName;
    expect(special).toContain("'");
    const escaped = special.replace(/&/g, '&amp;').replace(/'/g, '&#39;');
    expect(body).toContain(`>${escaped}</span>`);
    expect(body).not.toContain(special);
    expect(body).toContain(h.sim.roles.failedFlex.name);
    expect(body).toContain('Atlas refused access (401 USER_UNAUTHORIZED)');
    expect(body).not.toContain('/api/atlas/v2/');
  });

  it.each([
    [
      'service-account',
      { MONGODB_ATLAS_CLIENT_ID: 'mdb_sa_id_x', MONGODB_ATLAS_CLIENT_SECRET: 'wrong' },
      '401 invalid_client',
    ],
    ['api-key', { MONGODB_ATLAS_PUBLIC_API_KEY: 'pubkey', MONGODB_ATLAS_PRIVATE_API_KEY: 'wrong' }, '401 '],
  ])('says so when Atlas refuses the %s, rather than that Atlas cannot be reached', async (_, auth, code) => {
    const h = await start({ auth });
    await h.scrape();
    const { body } = await h.get('/');
    expect(body).toContain(`Atlas refused the credentials (${code}`);
    expect(body).not.toMatch(/reachable/i);
  });
});

describe('a scrape storm', () => {
  it('answers 300 concurrent scrapes, waiting for one refresh or from cache, and never refuses one', async () => {
    const h = await start({ sim: { latencyMs: 300 } });
    const storm = async () =>
      (await Promise.all(Array.from({ length: 300 }, () => h.scrape()))).map((r) => r.status);
    expect(new Set(await storm())).toEqual(new Set([200]));
    expect(h.sim.requests.filter((r) => r.endpoint === 'groups')).toHaveLength(1);
    expect(new Set(await storm())).toEqual(new Set([200]));
    expect(h.sim.requests.filter((r) => r.endpoint === 'groups')).toHaveLength(1);
  });
});

describe('the landing page query', () => {
  it('answers an unknown status with 400 and a page past the last with 404, each with a message', async () => {
    const h = await start();
    await h.scrape();
    const bogus = await h.get('/?status=bogus');
    expect(bogus.status).toBe(400);
    expect(bogus.body).toContain('unknown status "bogus"; use one of not-read');
    const far = await h.get('/?page=99');
    expect(far.status).toBe(404);
    expect(far.body).toMatch(/^there is no page 99: \d+ clusters match, on 1 page\n$/);
    expect((await h.get('/?status=ok&page=1')).status).toBe(200);
  });
});

describe('secrets', () => {
  const SECRETS = ['Bearer ', 'Digest username', 'Basic '];

  it.each(['service-account', 'api-key'] as const)(
    'never reach logs, metrics or the landing page on any path (%s)',
    async (auth) => {
      const h = await start({ auth, logLevel: 'debug', args: ['--atlas.max-retries=1'] });
      const secret =
        auth === 'service-account'
          ? h.sim.credentials.serviceAccount.clientSecret
          : h.sim.credentials.apiKey.privateKey;
      await h.scrape();
      h.sim.injectFault({ match: 'groups', kind: 'status', status: 500, times: 10 });
      h.sim.injectFault({ match: 'flex_snapshots', kind: 'malformed-json', times: 3 });
      await h.exporter.collector.refreshNow();
      await h.exporter.collector.refreshNow();
      const outputs = [h.rawLogs.join(''), (await h.scrape()).body, (await h.get('/')).body];
      for (const output of outputs) {
        expect(output).not.toContain(secret);
        for (const marker of SECRETS) expect(output).not.toContain(marker);
      }
      expect(h.rawLogs.length).toBeGreaterThan(20);
    },
  );

  it('never reach logs when the credentials are wrong', async () => {
    const h = await start({
      logLevel: 'debug',
      auth: {
        MONGODB_ATLAS_PUBLIC_API_KEY: 'pubkey',
        MONGODB_ATLAS_PRIVATE_API_KEY: 'private-key-that-must-not-leak',
      },
    });
    const { body } = await h.scrape();
    expect(body).toContain('mongodbatlas_exporter_up 0');
    expect(h.rawLogs.join('')).not.toContain('private-key-that-must-not-leak');
    const page = (await h.get('/')).body;
    // The page does show the credentials, masked: the public half, and the mask for the secret.
    expect(page).toContain('pubkey');
    expect(page).toContain(escapeHtml(SECRET_MASK));
    expect(page).not.toContain('private-key-that-must-not-leak');
  });
});
