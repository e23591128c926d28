import { describe, expect, it } from 'vitest';
import { type Harness, harnessPerTest, movableClock, sample } from './harness.js';

const start = harnessPerTest();
const MINUTE = 60_000;
const TYPO = '0123456789abcdef01234567';

const warnings = (h: Harness) => h.logs.filter((l) => l.level === 'warn');

/** The landing page's text, without markup. */
async function pageText(h: Harness): Promise<string> {
  const { body } = await h.get('/');
  return body
    .replace(/<style>[\s\S]*<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
}

describe('the lines a problem logs and the page shows', () => {
  it('name a mistyped --atlas.project-id once, and export no project_info with empty labels', async () => {
    const clock = movableClock();
    const h = await start({
      now: clock.now,
      sim: { now: clock.now },
      logLevel: 'info',
      args: [`--atlas.project-id=${TYPO}`],
    });
    await h.scrape();
    clock.advance(6 * MINUTE);
    const { body } = await h.scrape();
    expect(body).not.toContain('mongodbatlas_backup_project_info{');
    expect(sample(body, 'mongodbatlas_exporter_up')).toBe(1);
    for (const kind of ['flex', 'serverless', 'dedicated'])
      expect(
        sample(body, 'mongodbatlas_exporter_project_collect_success', { group_id: TYPO, cluster_kind: kind }),
      ).toBe(0);
    // One line for the project, not one per kind, and not again on the next refresh.
    expect(warnings(h)).toEqual([
      expect.objectContaining({
        msg: `cannot list clusters: project ${TYPO} does not exist or these credentials cannot see it; check --atlas.project-id`,
        group_id: TYPO,
        cluster_kinds: 'flex,serverless,dedicated',
        errorCode: 'GROUP_NOT_FOUND',
      }),
    ]);
    expect(await pageText(h)).toContain(
      `${TYPO} , given in --atlas.project-id, does not exist or these credentials cannot see it`,
    );
  });

  it('name a wrong --atlas.org-id and the flag, in the log line and on the page', async () => {
    const h = await start({ logLevel: 'info', args: [`--atlas.org-id=${TYPO}`] });
    await h.scrape();
    expect(warnings(h)).toEqual([
      expect.objectContaining({
        msg: `cannot list Atlas projects: organisation ${TYPO} does not exist or these credentials cannot see it; check --atlas.org-id`,
        org_id: TYPO,
        errorCode: 'ORG_NOT_FOUND',
      }),
    ]);
    expect(await pageText(h)).toContain(
      `The organisation ${TYPO} of --atlas.org-id does not exist or these credentials cannot see it (404 ORG_NOT_FOUND)`,
    );
  });

  it('name an unreadable project by name and id, once for all its kinds, with what to do and no query', async () => {
    const h = await start({ logLevel: 'info' });
    await h.scrape();
    const { groupId, groupName } = h.sim.roles.unreadableProject;
    expect(warnings(h)).toEqual([
      expect.objectContaining({
        msg: 'cannot list clusters',
        group_id: groupId,
        group_name: groupName,
        cluster_kinds: 'flex,serverless,dedicated',
        status: 401,
        hint: 'grant Project Read Only on the project (or Organization Read Only)',
      }),
    ]);
    expect(String(warnings(h)[0]?.error)).toMatch(
      /^GET flex_clusters \/api\/atlas\/v2\/groups\/\w+\/flexClusters: HTTP 401/,
    );
    expect(h.rawLogs.filter((l) => l.includes('itemsPerPage'))).toEqual([]);
  });
});
