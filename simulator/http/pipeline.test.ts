import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../index.js';
import { apiGet, FIXED_NOW, oauthToken, V2 } from '../test-helpers.js';

describe('simulator paging and formats', () => {
  let sim: Simulator;
  let token: string;
  let path: string;
  beforeAll(async () => {
    sim = await startSimulator({ now: () => FIXED_NOW });
    token = await oauthToken(sim);
    const { groupId, name } = sim.roles.healthyFlex;
    path = `${V2}/groups/${groupId}/flexClusters/${name}/backup/snapshots`;
  });
  afterAll(() => sim.close());
  const get = (p: string) => apiGet(sim, token, p);

  it('pages with absolute self and next links and totalCount', async () => {
    const ids: string[] = [];
    let href: string | undefined = `${sim.url}${path}?itemsPerPage=3`;
    const pages: number[] = [];
    while (href) {
      const res = await get(href.slice(sim.url.length));
      expect(res.status).toBe(200);
      expect(res.json.totalCount).toBe(8);
      pages.push(res.json.results.length);
      ids.push(...res.json.results.map((r: { id: string }) => r.id));
      const self = res.json.links.find((l: { rel: string }) => l.rel === 'self');
      expect(self.href).toBe(`${sim.url}${path}?includeCount=true&pageNum=${pages.length}&itemsPerPage=3`);
      href = res.json.links.find((l: { rel: string }) => l.rel === 'next')?.href;
    }
    expect(pages).toEqual([3, 3, 2]);
    expect(new Set(ids).size).toBe(8);
    const whole = await get(path);
    expect(whole.json.results.map((r: { id: string }) => r.id)).toEqual(ids);
    expect(whole.json.links).toHaveLength(1);
  });

  it('omits totalCount with includeCount=false and answers an empty page past the end', async () => {
    const res = await get(`${path}?includeCount=false&itemsPerPage=5`);
    expect(res.json).not.toHaveProperty('totalCount');
    expect(res.json.links[1].href).toBe(`${sim.url}${path}?includeCount=false&itemsPerPage=5&pageNum=2`);
    const past = await get(`${path}?pageNum=9`);
    expect(past.status).toBe(200);
    expect(past.json.results).toEqual([]);
    expect(past.json.totalCount).toBe(8);
  });

  it('rejects bad paging parameters with 400', async () => {
    for (const q of [
      'itemsPerPage=0',
      'itemsPerPage=501',
      'itemsPerPage=ten',
      'pageNum=0',
      'includeCount=maybe',
    ]) {
      const res = await get(`${path}?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.json.errorCode).toBe('INVALID_QUERY_PARAMETER');
    }
    expect((await get(`${path}?itemsPerPage=500`)).status).toBe(200);
  });

  it('pretty-prints and wraps in an envelope on request', async () => {
    const pretty = await get(`${path}?pretty=true`);
    expect(pretty.text).toContain('\n  "links": [');
    const plain = await get(path);
    expect(plain.text).not.toContain('\n');
    const listEnvelope = await get(`${path}?envelope=true`);
    expect(listEnvelope.json.status).toBe(200);
    expect(listEnvelope.json.results).toHaveLength(8);
    const id = plain.json.results[0].id;
    const one = await get(`${path}/${id}?envelope=true`);
    expect(one.json).toEqual({ status: 200, content: plain.json.results[0] });
  });

  it('pages the project lists; the org list filters by name prefix', async () => {
    const all = await get(`${V2}/groups`);
    expect(all.json.totalCount).toBe(4);
    const org = await get(`${V2}/orgs/${sim.orgId}/groups?itemsPerPage=1&pageNum=4`);
    expect(org.json.results).toHaveLength(1);
    expect(org.json.links.map((l: { rel: string }) => l.rel)).toEqual(['self']);
    const webshop = await get(`${V2}/orgs/${sim.orgId}/groups?name=WEBSHOP`);
    expect(webshop.json.results.map((g: { name: string }) => g.name)).toEqual([
      'webshop-prod',
      'webshop-staging',
    ]);
  });
});
