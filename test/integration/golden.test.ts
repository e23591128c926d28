import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBinary } from '../e2e/binaries.js';
import { type Harness, startHarness } from './harness.js';

const GOLDEN = new URL('./golden.prom', import.meta.url);
/** 2026-11-28T12:00:00Z: the simulator's data and the exporter's ages are relative to it. */
const FIXED_NOW = Date.UTC(2026, 10, 28, 12, 0, 0);

/** Series that depend on the machine or on timing, not on the data: left out of the golden file. */
const VOLATILE = [
  /^(# (HELP|TYPE) )?(process|nodejs)_/,
  /^(# (HELP|TYPE) )?mongodbatlas_exporter_api_request_duration_seconds/,
  /^mongodbatlas_exporter_build_info/,
];

/** Without volatile series, and with samples sorted within a family: requests finish in any order. */
function stable(body: string): string {
  const out: string[] = [];
  let samples: string[] = [];
  const flush = () => {
    out.push(...samples.sort());
    samples = [];
  };
  for (const line of body.split('\n')) {
    if (line === '' || VOLATILE.some((re) => re.test(line))) continue;
    if (line.startsWith('#')) {
      flush();
      out.push(line);
    } else samples.push(line);
  }
  flush();
  return `${out.join('\n')}\n`;
}

const PROMTOOL = '/usr/bin/promtool';

describe('golden /metrics for the default scenario at a fixed seed and clock', () => {
  let harness: Harness;
  let body: string;

  beforeAll(async () => {
    harness = await startHarness({ sim: { seed: 1, now: () => FIXED_NOW }, now: () => FIXED_NOW });
    body = (await harness.scrape()).body;
  });
  afterAll(() => harness.close());

  it('matches the committed golden file', () => {
    if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, stable(body));
    expect(existsSync(GOLDEN), 'run `npm run golden` to create it').toBe(true);
    expect(stable(body)).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it.runIf(hasBinary(PROMTOOL))('passes promtool check metrics, the whole page as scraped and golden', () => {
    for (const text of [body, readFileSync(GOLDEN, 'utf8')]) {
      const out = execFileSync(PROMTOOL, ['check', 'metrics'], { input: text, encoding: 'utf8' });
      expect(out).toBe('');
    }
  });
});
