import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { basic } from '../../simulator/test-helpers.js';
import { harnessPerTest } from './harness.js';

const start = harnessPerTest();
const GUESSES = 100;

describe('password guessing', () => {
  it('answers every guess 401 while a scrape with the right password goes through at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'guessing-'));
    const path = join(dir, 'web.yml');
    // "s3cret-scrape" at bcrypt cost 10: about 70 ms of CPU per compare
    writeFileSync(
      path,
      'basic_auth_users:\n  prometheus: $2b$10$O60vQOT3WF.Xt0Tfp95RCuWn4QM34a9KpFF02RSPF/KwZTJKu7lV2\n',
    );
    const h = await start({ webConfigFile: path });
    const right = { Authorization: basic('prometheus', 's3cret-scrape') };
    expect((await h.scrape(right)).status).toBe(200);

    let answered = 0;
    const guesses = Array.from({ length: GUESSES }, async (_, i) => {
      const user = i % 2 === 0 ? 'prometheus' : `user-${i}`;
      const { status } = await h.get('/-/healthy', { Authorization: basic(user, `guess-${i}`) });
      answered++;
      return status;
    });
    const scrape = await h.scrape(right);
    // No clock: with the compares on the event loop the scrape would wait behind the guesses
    // that came first; off it, the scrape is answered while most of them are still pending.
    const answeredBeforeScrape = answered;
    expect(scrape.status).toBe(200);
    expect(answeredBeforeScrape).toBeLessThan(GUESSES / 2);
    expect(new Set(await Promise.all(guesses))).toEqual(new Set([401]));
    // a guess made again is answered from what was remembered
    expect((await h.get('/-/healthy', { Authorization: basic('prometheus', 'guess-0') })).status).toBe(401);
  }, 60_000);
});
