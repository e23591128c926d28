import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { fireEvery } from '../../bench/scrape-client.js';
import { negotiateFormat } from '../../src/http/negotiate.js';

describe('the scrapes fired while a refresh is sampled', () => {
  it('are sent as Prometheus 3 sends them: OpenMetrics first, gzip, its scrape timeout', async () => {
    const seen: IncomingHttpHeaders[] = [];
    let first: () => void = () => undefined;
    const arrived = new Promise<void>((resolve) => {
      first = resolve;
    });
    const server = createServer((req, res) => {
      seen.push(req.headers);
      first();
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const fired = fireEvery(`http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`, 10);
      await arrived;
      const { during, statuses } = await fired.stop();
      expect(statuses.length).toBeGreaterThan(0);
      expect(statuses.every((s) => s === 200)).toBe(true);
      expect(during).toHaveLength(statuses.length);
      for (const headers of seen) {
        expect(headers['accept-encoding']).toBe('gzip');
        expect(headers['x-prometheus-scrape-timeout-seconds']).toBe('10');
        expect(negotiateFormat(headers.accept)).toBe('openmetrics');
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
