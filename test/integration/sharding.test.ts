import { afterEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../simulator/index.js';
import { fnv1a64, jumpHash } from '../../src/resources/projects/shard.js';
import { type Harness, harnessPerTest, sample } from './harness.js';

const start = harnessPerTest();
let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const SHARDS = 3;
// One fixed instant for the simulator and every exporter: project ids (ObjectIds carry their
// creation time) and so each project's shard are the same on every run, and no snapshot changes
// state between the four exporters' reads.
const FROZEN = Date.UTC(2026, 10, 2, 12);
const frozenNow = () => FROZEN;
const GROUP_IN_PATH = /\/groups\/([0-9a-f]{24})\//;

/** Sample lines of the backup families, sorted: what a shard adds to the union. */
function backupSamples(body: string): string[] {
  return body
    .split('\n')
    .filter((line) => line.startsWith('mongodbatlas_backup_'))
    .sort();
}

function projectIds(body: string): string[] {
  return [...body.matchAll(/^mongodbatlas_backup_project_info\{[^}]*group_id="([0-9a-f]{24})"/gm)].map(
    (m) => m[1] ?? '',
  );
}

/** Scrapes one exporter alone against the shared simulator: its Atlas requests, and its page. */
async function scrapeAlone(h: Harness) {
  h.sim.resetRequests();
  const { status, body } = await h.scrape();
  expect(status).toBe(200);
  const read = new Set(h.sim.requests.flatMap((r) => GROUP_IN_PATH.exec(r.path)?.[1] ?? []));
  return { body, read, requests: [...h.sim.requests] };
}

describe('sharding', () => {
  it('three shards export exactly what one exporter does, each project once, each reading only its own', async () => {
    sim = await startSimulator({ projects: 12, dedicated: 6, now: frozenNow });
    const owner = new Map(sim.world.projects.map((p) => [p.id, jumpHash(fnv1a64(p.id), SHARDS)]));
    const common = { simulator: sim, now: frozenNow, logLevel: 'info' as const };
    const whole = await scrapeAlone(await start(common));
    const shards = [];
    for (let index = 0; index < SHARDS; index++) {
      const h = await start({ ...common, args: [`--shard.index=${index}`, `--shard.total=${SHARDS}`] });
      shards.push({ index, ...(await scrapeAlone(h)) });
    }

    expect(new Set(owner.values()).size, 'every shard has projects in this scenario').toBe(SHARDS);
    expect(shards.flatMap((s) => backupSamples(s.body)).sort()).toEqual(backupSamples(whole.body));
    expect(backupSamples(whole.body).length).toBeGreaterThan(100);

    const perShard = shards.map((s) => projectIds(s.body));
    expect(perShard.flat().sort(), 'no project twice, none left out').toEqual(projectIds(whole.body).sort());
    for (const s of shards) {
      const own = [...owner].filter(([, index]) => index === s.index).map(([id]) => id);
      expect(projectIds(s.body).sort()).toEqual(own.sort());
      // Each shard lists every project, then reads clusters and snapshots of its own only.
      expect(s.requests.some((r) => r.endpoint === 'groups' || r.endpoint === 'org_groups')).toBe(true);
      expect([...s.read].sort()).toEqual(own.sort());
      expect(sample(s.body, 'mongodbatlas_exporter_shard_index')).toBe(s.index);
      expect(sample(s.body, 'mongodbatlas_exporter_shards')).toBe(SHARDS);
    }
    // Unsharded too, so the sharding alerts and panels have something to query on one exporter.
    expect(sample(whole.body, 'mongodbatlas_exporter_shard_index')).toBe(0);
    expect(sample(whole.body, 'mongodbatlas_exporter_shards')).toBe(1);
    expect(whole.body).not.toContain('mongodbatlas_exporter_shard_count');
  });

  it('filters a fixed --atlas.project-id list the same way', async () => {
    sim = await startSimulator({ projects: 12, now: frozenNow });
    const listed = sim.world.projects.slice(0, 8).map((p) => p.id);
    const shards = [];
    for (let index = 0; index < SHARDS; index++) {
      const h = await start({
        simulator: sim,
        logLevel: 'info',
        args: [`--shard.index=${index}`, `--shard.total=${SHARDS}`, `--atlas.project-id=${listed.join(',')}`],
      });
      shards.push({ index, ...(await scrapeAlone(h)) });
    }
    for (const s of shards) {
      const own = listed.filter((id) => jumpHash(fnv1a64(id), SHARDS) === s.index);
      expect(projectIds(s.body).sort()).toEqual(own.sort());
      expect([...s.read].sort()).toEqual(own.sort());
    }
    expect(shards.flatMap((s) => projectIds(s.body)).sort()).toEqual([...listed].sort());
  });
});
