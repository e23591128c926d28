import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExposition } from '../../bench/exposition.js';
import { PROJECT_BACKUP_MANAGER, type Simulator, startSimulator } from '../../simulator/index.js';
import { OVERDUE_FACTOR } from '../../src/status/backup-status.js';
import { hasBinary } from './binaries.js';
import { type Child, freePort, start, waitFor } from './processes.js';

// What the callbacks run inside the page use of its globals: the project compiles without the DOM lib.
declare const document: {
  scripts: { length: number };
  documentElement: { scrollWidth: number };
  body: unknown;
  querySelector(selector: string): { clientWidth: number; scrollWidth: number };
};
declare const window: { innerWidth: number };
declare function getComputedStyle(element: unknown): { backgroundColor: string };

const CHROMIUM = '/usr/bin/chromium';
const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
/** Where the screenshots go for a person to look at (README, "Landing page"); git-ignored. */
const SCREENSHOTS = fileURLToPath(new URL('../../screenshots/', import.meta.url));
const ORDER = ['not read', 'failed', 'no snapshot', 'overdue', 'ok', 'paused', 'backup off'];
const WIDTHS = [1400, 390] as const;

interface ClusterFacts {
  collectSuccess?: number;
  paused?: string;
  backupEnabled?: string;
  lastCompleted?: number;
  lastFailed?: number;
  age?: number;
  interval?: number;
}

/** The contract's rules (HTTP `/`), applied to what /metrics says, written here apart from src/. */
function contractStatus(c: ClusterFacts): string {
  if (c.collectSuccess !== 1) return 'not read';
  if (c.paused === 'true') return 'paused';
  if (c.backupEnabled !== 'true') return 'backup off';
  if (c.lastFailed !== undefined && (c.lastCompleted === undefined || c.lastFailed > c.lastCompleted))
    return 'failed';
  if (c.lastCompleted === undefined) return 'no snapshot';
  if (c.interval !== undefined && (c.age ?? 0) > OVERDUE_FACTOR * c.interval) return 'overdue';
  return 'ok';
}

/**
 * Each cluster's status by `group_id/cluster_kind/cluster_name`, computed from a /metrics body;
 * `lastGood`: the status its values have, read or not, which is what the alerts fire on.
 */
function statusesFromMetrics(text: string, lastGood = false): Map<string, string> {
  const clusters = new Map<string, ClusterFacts>();
  const facts = (labels: Array<[string, string]>) => {
    const l = Object.fromEntries(labels);
    const key = `${l.group_id}/${l.cluster_kind}/${l.cluster_name}`;
    const c = clusters.get(key) ?? {};
    clusters.set(key, c);
    return { c, l };
  };
  const field: Record<string, keyof ClusterFacts> = {
    mongodbatlas_backup_collect_success: 'collectSuccess',
    mongodbatlas_backup_last_completed_snapshot_timestamp_seconds: 'lastCompleted',
    mongodbatlas_backup_last_failed_snapshot_timestamp_seconds: 'lastFailed',
    mongodbatlas_backup_last_completed_snapshot_age_seconds: 'age',
    mongodbatlas_backup_expected_interval_seconds: 'interval',
  };
  for (const family of parseExposition(text)) {
    for (const s of family.samples) {
      if (s.name === 'mongodbatlas_backup_cluster_info') {
        const { c, l } = facts(s.labels);
        c.paused = l.paused;
        c.backupEnabled = l.backup_enabled;
        continue;
      }
      const name = field[s.name];
      if (name) (facts(s.labels).c as Record<string, number>)[name] = s.value;
    }
  }
  return new Map(
    [...clusters].map(([key, c]) => [key, contractStatus(lastGood ? { ...c, collectSuccess: 1 } : c)]),
  );
}

interface PageRow {
  key: string;
  status: string;
  text: string;
}

const pageRows = (page: Page) =>
  page.$$eval('tbody tr', (trs) =>
    trs.map((tr) => ({
      key: `${tr.dataset.groupId}/${tr.dataset.kind}/${tr.dataset.cluster}`,
      status: tr.querySelector('.word')?.textContent ?? '',
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text, what a person sees
      text: (tr as unknown as { innerText: string }).innerText,
    })),
  );

const pageCounts = (page: Page) =>
  page.$$eval('.counts a', (tiles) =>
    tiles.map((a) => [
      a.querySelector('.word')?.textContent ?? 'all',
      Number((a.querySelector('b')?.textContent ?? '').replace(/,/g, '')),
    ]),
  );

/** Headless Chromium that fetches nothing of its own; the screenshot folder made ready. */
function launchChromium(profile: string): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${profile}`,
    ],
  });
}

describe.skipIf(!hasBinary(CHROMIUM, 'apt-get install chromium'))(
  'the demo’s landing page in Chromium',
  () => {
    let exporter: Child;
    let browser: Browser;
    let profile: string;
    let base: string;
    let expected: Map<string, string>;

    beforeAll(async () => {
      if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build (npm test does)`);
      base = `http://127.0.0.1:${await freePort()}`;
      exporter = start(process.execPath, [MAIN, '--demo', `--web.listen-address=${base.slice(7)}`]);
      await waitFor('the first refresh', 30_000, async () => {
        const res = await request(`${base}/-/ready`);
        await res.body.dump();
        return res.statusCode === 200 ? true : undefined;
      }).catch((err: Error) => {
        throw new Error(`${err.message}\nexporter: ${exporter.output()}`);
      });
      // The default cache-ttl (5m) holds the state still: this scrape and the pages see one refresh.
      expected = statusesFromMetrics(await (await request(`${base}/metrics`)).body.text());
      profile = mkdtempSync(join(tmpdir(), 'atlas-e2e-chromium-'));
      browser = await launchChromium(profile);
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await exporter?.stop();
      if (profile) rmSync(profile, { recursive: true, force: true });
    });

    async function open(width: number, scheme: 'light' | 'dark', path = '/') {
      const page = await browser.newPage();
      const requested: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith('data:')) requested.push(r.url());
      });
      await page.setViewport({ width, height: 900 });
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      const res = await page.goto(`${base}${path}`, { waitUntil: 'load' });
      expect(res?.status()).toBe(200);
      return { page, requested };
    }

    it('the demo shows every status the contract has but `not read`', () => {
      expect(new Set(expected.values())).toEqual(new Set(ORDER.filter((s) => s !== 'not read')));
    });

    it.each(WIDTHS)('at %i px: every cluster’s status as /metrics says, counts, order', async (width) => {
      const { page, requested } = await open(width, 'light');
      const rows: PageRow[] = await pageRows(page);
      expect(Object.fromEntries(rows.map((r) => [r.key, r.status]))).toEqual(Object.fromEntries(expected));
      expect(rows).toHaveLength(expected.size);
      for (const row of rows) expect(row.text).toContain(row.status);

      const ranks = rows.map((r) => ORDER.indexOf(r.status));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));

      const counts = Object.fromEntries(
        ORDER.map((s) => [s, [...expected.values()].filter((v) => v === s).length]),
      );
      expect(Object.fromEntries(await pageCounts(page))).toEqual({ ...counts, all: expected.size });

      // no script and nothing fetched but the page itself: it works offline and without JavaScript
      expect(await page.evaluate(() => document.scripts.length)).toBe(0);
      expect(requested).toEqual([`${base}/`]);
      await page.close();
    });

    it('with restore jobs on (the demo), shows each cluster’s newest completed restore as /metrics has it', async () => {
      const body = await (await request(`${base}/metrics`)).body.text();
      const restored = new Map<string, boolean>();
      for (const family of parseExposition(body)) {
        for (const s of family.samples) {
          const l = Object.fromEntries(s.labels);
          const key = `${l.group_id}/${l.cluster_kind}/${l.cluster_name}`;
          if (s.name === 'mongodbatlas_backup_restore_collect_success')
            restored.set(key, restored.get(key) ?? false);
          if (s.name === 'mongodbatlas_backup_last_completed_restore_timestamp_seconds')
            restored.set(key, true);
        }
      }
      expect([...restored.values()]).toContain(true);
      const { page } = await open(1400, 'light');
      const heads = await page.$$eval('thead th', (ths) => ths.map((th) => th.textContent ?? ''));
      const column = heads.indexOf('Restored') + 1;
      expect(column).toBeGreaterThan(0);
      const cells = await page.$$eval(
        'tbody tr',
        (trs, n) =>
          trs.map((tr) => [
            `${tr.dataset.groupId}/${tr.dataset.kind}/${tr.dataset.cluster}`,
            tr.querySelector(`td:nth-child(${n})`)?.textContent ?? '',
          ]),
        column,
      );
      for (const [key, text] of cells) {
        const has = restored.get(key);
        if (has === undefined) expect(text, key).toBe('–');
        else if (has) expect(text, key).toMatch(/ago|just now/);
        else expect(text, key).toMatch(/^none/);
      }
      await page.close();
    });

    it('notes what the status does not say: the demo’s copy failure, oplog behind, deleted snapshot and archive outside backups', async () => {
      const { page } = await open(1400, 'light');
      const notes = await page.$$eval('ul.notes li', (lis) => lis.map((li) => li.textContent ?? ''));
      expect(notes.some((n) => /^copy failing since /.test(n))).toBe(true);
      expect(notes.some((n) => /^oplog behind since /.test(n))).toBe(true);
      expect(notes.some((n) => n.startsWith('snapshot deleted by an API key in the project'))).toBe(true);
      expect(notes).toContain('online archive outside backups');
      const audit = await page.$$eval('ul.audit li', (lis) => lis.map((li) => li.textContent ?? ''));
      expect(audit.some((a) => a.startsWith('CPS_SNAPSHOT_DELETED_AUDIT by an API key in '))).toBe(true);
      await page.close();
    });

    it('fits a 390 px phone: the page never scrolls sideways, the table scrolls in its own box', async () => {
      const { page } = await open(390, 'light');
      const sizes = await page.evaluate(() => {
        const box = document.querySelector('.scroll');
        return {
          page: document.documentElement.scrollWidth,
          viewport: window.innerWidth,
          box: box.clientWidth,
          table: box.scrollWidth,
        };
      });
      expect(sizes.page).toBeLessThanOrEqual(sizes.viewport);
      expect(sizes.box).toBeLessThanOrEqual(sizes.viewport);
      expect(sizes.table).toBeGreaterThan(sizes.box);
      await page.close();
    });

    it('follows the reader’s colour scheme, and saves a screenshot of each for a person to look at', async () => {
      const luminance: Record<string, number> = {};
      for (const width of WIDTHS) {
        for (const scheme of ['light', 'dark'] as const) {
          const { page } = await open(width, scheme);
          const rgb = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
          const [r = 0, g = 0, b = 0] = (rgb.match(/\d+/g) ?? []).map(Number);
          luminance[scheme] = (r + g + b) / 3;
          await page.screenshot({
            path: join(SCREENSHOTS, `landing-${width}-${scheme}.png`),
            fullPage: true,
          });
          await page.close();
        }
      }
      expect(luminance.light).toBeGreaterThan(200);
      expect(luminance.dark).toBeLessThan(50);
      for (const width of WIDTHS)
        expect(existsSync(join(SCREENSHOTS, `landing-${width}-dark.png`))).toBe(true);
    }, 60_000);

    it('filters by status through the count’s link, without JavaScript', async () => {
      const { page } = await open(1400, 'light');
      await Promise.all([page.waitForNavigation(), page.click('.counts a[href="?status=overdue"]')]);
      const rows = await pageRows(page);
      const overdue = [...expected].filter(([, s]) => s === 'overdue').map(([key]) => key);
      expect(rows.map((r) => r.key).sort()).toEqual(overdue.sort());
      expect(overdue.length).toBeGreaterThan(0);
      await page.close();
    });
  },
);

/** What a person sees of one collector's column, by cluster key: the last column's text. */
const lastCells = (page: Page) =>
  page.$$eval('tbody tr', (trs) =>
    trs.map((tr) => [
      `${tr.dataset.groupId}/${tr.dataset.kind}/${tr.dataset.cluster}`,
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text, what a person sees
      (tr.querySelector('td:last-child') as unknown as { innerText: string }).innerText,
    ]),
  );

describe.skipIf(!hasBinary(CHROMIUM, 'apt-get install chromium'))(
  'the landing page in Chromium when little is known',
  () => {
    let sim: Simulator;
    let browser: Browser;
    let profile: string;
    const exporters: Child[] = [];

    beforeAll(async () => {
      if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build (npm test does)`);
      sim = await startSimulator({});
      profile = mkdtempSync(join(tmpdir(), 'atlas-e2e-chromium-'));
      browser = await launchChromium(profile);
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      for (const e of exporters) await e.stop();
      await sim?.close();
      if (profile) rmSync(profile, { recursive: true, force: true });
    });

    /** The exporter against `atlas` with these credentials, once its first refresh has ended. */
    async function exporter(
      atlas: Simulator,
      args: string[],
      secret = atlas.credentials.serviceAccount.clientSecret,
    ) {
      const base = `http://127.0.0.1:${await freePort()}`;
      const child = start(
        process.execPath,
        [MAIN, `--web.listen-address=${base.slice(7)}`, `--atlas.base-url=${atlas.url}`, ...args],
        {
          MONGODB_ATLAS_CLIENT_ID: atlas.credentials.serviceAccount.clientId,
          MONGODB_ATLAS_CLIENT_SECRET: secret,
        },
      );
      exporters.push(child);
      await waitFor('the first refresh', 30_000, async () => {
        const body = await (await request(`${base}/metrics`)).body.text();
        return /^mongodbatlas_exporter_refreshes_total\{result="[a-z]+"\} [1-9]/m.test(body)
          ? true
          : undefined;
      }).catch((err: Error) => {
        throw new Error(`${err.message}\nexporter: ${child.output()}`);
      });
      return base;
    }

    async function open(base: string, shot: string) {
      const page = await browser.newPage();
      await page.setViewport({ width: 1400, height: 900 });
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
      expect((await page.goto(`${base}/`, { waitUntil: 'load' }))?.status()).toBe(200);
      await page.screenshot({ path: join(SCREENSHOTS, `landing-${shot}.png`), fullPage: true });
      return page;
    }

    /** On a desktop the whole table is in view: why a cluster was not read is never scrolled off. */
    async function tableFits(page: Page) {
      const { box, table } = await page.evaluate(() => {
        const scroll = document.querySelector('.scroll');
        return { box: scroll.clientWidth, table: scroll.scrollWidth };
      });
      expect(table).toBeLessThanOrEqual(box);
    }

    it('says in the tab what went wrong when the credentials are refused or the organisation is wrong', async () => {
      const refused = await open(await exporter(sim, [], 'not-the-secret'), 'wrong-credentials');
      expect(await refused.title()).toBe('Atlas not read: credentials refused · Atlas backup exporter');
      expect(await refused.$eval('.refresh', (p) => p.textContent)).toContain(
        'Atlas refused the credentials',
      );
      await refused.close();
      const org = await open(await exporter(sim, [`--atlas.org-id=${'0'.repeat(24)}`]), 'wrong-org');
      expect(await org.title()).toBe('Atlas not read: organisation not found · Atlas backup exporter');
      await org.close();
    }, 60_000);

    it('with read-only credentials, names the missing role where restore jobs were never read', async () => {
      const readOnly = await startSimulator({ missingRoles: [PROJECT_BACKUP_MANAGER] });
      try {
        const base = await exporter(readOnly, ['--collector.restore-jobs']);
        const metrics = await (await request(`${base}/metrics`)).body.text();
        const read = new Map<string, boolean>();
        for (const family of parseExposition(metrics))
          for (const s of family.samples) {
            const l = Object.fromEntries(s.labels);
            if (s.name === 'mongodbatlas_backup_restore_collect_success')
              read.set(`${l.group_id}/${l.cluster_kind}/${l.cluster_name}`, s.value === 1);
          }
        expect([...read.values()]).toContain(false);
        const page = await open(base, 'read-only');
        for (const [key = '', text] of await lastCells(page)) {
          if (read.get(key) !== false) continue;
          expect(text, key).toBe('restore jobs not read\nneeds the Project Backup Manager role');
        }
        await tableFits(page);
        await page.close();
      } finally {
        await readOnly.close();
      }
    }, 60_000);

    it('after an outage, shows and counts each cluster by the status its last values have', async () => {
      const atlas = await startSimulator({});
      const base = await exporter(atlas, ['--atlas.cache-ttl=1s', '--atlas.max-retries=0']);
      const before = statusesFromMetrics(await (await request(`${base}/metrics`)).body.text());
      expect(new Set(before.values())).toContain('failed');
      await atlas.close();
      const after = await waitFor('a refresh that cannot reach Atlas', 30_000, async () => {
        const body = await (await request(`${base}/metrics`)).body.text();
        return /^mongodbatlas_exporter_up 0$/m.test(body) ? body : undefined;
      });
      const last = statusesFromMetrics(after, true);
      expect(last).toEqual(before);
      const page = await open(base, 'outage');
      const rows = await page.$$eval('tbody tr', (trs) =>
        trs.map((tr) => [
          `${tr.dataset.groupId}/${tr.dataset.kind}/${tr.dataset.cluster}`,
          tr.querySelector('.badge')?.textContent ?? '',
        ]),
      );
      expect(Object.fromEntries(rows)).toEqual(
        Object.fromEntries([...last].map(([key, s]) => [key, `? not read (last: ${s})`])),
      );
      // the worst last status first
      const ranks = rows.map(([, badge = '']) => ORDER.indexOf(/\(last: (.*)\)$/.exec(badge)?.[1] ?? ''));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      const tiles = await page.$$eval('.counts a', (as) =>
        as.map((a) => [
          a.querySelector('.word')?.textContent ?? 'all',
          a.querySelector('b')?.textContent,
          a.querySelector('.of')?.textContent ?? '',
        ]),
      );
      const n = (s: string) => [...last.values()].filter((v) => v === s).length;
      const ofThem = (k: number) => (k > 0 ? `${k} not read` : '');
      expect(tiles.slice(0, ORDER.length)).toEqual(
        ORDER.map((s) => (s === 'not read' ? [s, `${last.size}`, ''] : [s, `${n(s)}`, ofThem(n(s))])),
      );
      const attention = ['not read', 'failed', 'no snapshot', 'overdue']
        .map((s) => [s, s === 'not read' ? last.size : n(s)] as const)
        .filter(([, k]) => k > 0)
        .map(([s, k]) => `${k} ${s}`);
      expect(await page.title()).toBe(`${attention.join(', ')} · Atlas backup exporter`);
      await tableFits(page);
      await page.close();
    }, 60_000);
  },
);
