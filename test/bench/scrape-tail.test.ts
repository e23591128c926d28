import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { ownWait, pastLanding, watchAnswers } from '../../bench/scrape-tail.js';

describe("the exporter's own wait past a refresh's landing", () => {
  const landedAt = 1000;

  it('counts a scrape that joined the refresh from the landing, not from its arrival', () => {
    const tail = pastLanding([{ t0: 300, t1: 1040 }], landedAt);
    expect(tail).toEqual({ joined: [40], after: [], before: [] });
  });

  it('counts a scrape that arrived after the landing whole', () => {
    const tail = pastLanding([{ t0: 1010, t1: 1130 }], landedAt);
    expect(tail).toEqual({ joined: [], after: [120], before: [] });
  });

  it('leaves out a scrape answered before the landing (from the cache, or at its timeout)', () => {
    const tail = pastLanding([{ t0: 100, t1: 900 }], landedAt);
    expect(tail).toEqual({ joined: [], after: [], before: [800] });
    expect(ownWait(tail)).toEqual([]);
  });

  it('puts the two kinds that waited past the landing together', () => {
    const answers = [
      { t0: 200, t1: 1000 },
      { t0: 900, t1: 1090 },
      { t0: 1000, t1: 1005 },
      { t0: 1200, t1: 1203 },
      { t0: 50, t1: 60 },
    ];
    const tail = pastLanding(answers, landedAt);
    expect(tail).toEqual({ joined: [0, 90], after: [5, 3], before: [10] });
    expect(ownWait(tail)).toEqual([0, 90, 5, 3]);
  });
});

describe('watching the answers of a server', () => {
  it('stamps each answer from its arrival to its end in this process, until stopped', async () => {
    const server = createServer((_req, res) => {
      setTimeout(() => res.end('ok'), 20);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
    try {
      const { answers, stop } = watchAnswers(server);
      const before = performance.now();
      await (await request(url)).body.text();
      await (await request(url)).body.text();
      stop();
      await (await request(url)).body.text();
      expect(answers).toHaveLength(2);
      for (const { t0, t1 } of answers) {
        expect(t0).toBeGreaterThanOrEqual(before);
        expect(t1).toBeGreaterThan(t0);
      }
      expect((answers[1]?.t0 ?? 0) >= (answers[0]?.t1 ?? Number.POSITIVE_INFINITY)).toBe(true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
