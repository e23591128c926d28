import { describe, expect, it } from 'vitest';
import { scrapeWaitMs } from './app.js';

describe('scrapeWaitMs', () => {
  it('leaves a margin of a tenth of Prometheus’s scrape timeout, at least 250 ms', () => {
    expect(scrapeWaitMs('10')).toBe(9000);
    expect(scrapeWaitMs('1')).toBe(750);
    expect(scrapeWaitMs('0.2')).toBe(0);
  });

  it('waits 10 s without a usable header', () => {
    for (const header of [undefined, '', 'soon', '-3', '0']) expect(scrapeWaitMs(header)).toBe(10_000);
  });
});
