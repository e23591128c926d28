import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../simulator/index.js';
import { directCollector } from './direct-collector.js';

describe('a refresh that reads every list again from an Atlas where nothing changed', () => {
  let sim: Simulator;
  const now = Date.now();
  beforeAll(async () => {
    sim = await startSimulator({ projects: 3, clusters: 4, dedicated: 2, now: () => now });
  });
  afterAll(() => sim.close());

  it("keeps each cluster's info and facts objects, one info shared by its record and its listing", async () => {
    const { collector, close } = directCollector(sim, ['--atlas.snapshot-recheck-interval=0s']);
    await collector.refreshNow();
    const first = collector.state();
    await collector.refreshNow();
    const second = collector.state();
    await close();
    expect(second.clusters.size).toBeGreaterThan(12);
    for (const [key, record] of second.clusters) {
      const before = first.clusters.get(key);
      expect(record.info, key).toBe(before?.info);
      for (const [name, reading] of record.readings)
        expect(reading.facts, name).toBe(before?.readings.get(name)?.facts);
      const listing = second.projects.get(record.info.groupId)?.listings?.get(record.info.kind);
      // read again, not carried over
      expect(listing).not.toBe(first.projects.get(record.info.groupId)?.listings?.get(record.info.kind));
      const listed = listing?.infos.find((info) => info.name === record.info.name);
      // a dedicated cluster's info is its listed one completed by its schedule
      if (record.info.kind !== 'dedicated') expect(listed, key).toBe(record.info);
      else
        expect(listed).toBe(
          first.projects
            .get(record.info.groupId)
            ?.listings?.get('dedicated')
            ?.infos.find((info) => info.name === record.info.name),
        );
    }
  });
});
