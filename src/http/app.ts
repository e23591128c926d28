import express, { type Express, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { Collector } from '../collect/collector.js';
import type { Metrics } from '../metrics/metrics.js';
import { ViewQueryError } from './cluster-view.js';
import { landingPage } from './landing-page.js';
import type { LiveWebConfig } from './live-web-config.js';
import { negotiateFormat } from './negotiate.js';
import type { PasswordCheck } from './password-check.js';
import { webGuard } from './web-guard.js';

export interface AppDeps {
  readonly telemetryPath: string;
  readonly version: string;
  /** the effective configuration, secrets already masked */
  readonly describedConfig: Record<string, unknown>;
  /** --atlas.events-lookback, for the landing page's notes and audit events */
  readonly eventsLookbackMs: number;
  readonly collector: Collector;
  readonly metrics: Metrics;
  readonly logger: Logger;
  readonly now: () => number;
  /** --web.config.file: its headers, rate limit and users, and what checks their passwords */
  readonly web?: { readonly config: LiveWebConfig; readonly passwords: PasswordCheck } | undefined;
}

/**
 * The landing page's policy: no script, no plugin, nothing from elsewhere; only its own inline
 * style and the data: icon, and no framing.
 */
export const LANDING_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Without Prometheus's header a scrape waits at most this long for a refresh. */
const DEFAULT_SCRAPE_WAIT_MS = 10_000;

/** How long a scrape may wait for a refresh: its timeout less a margin for rendering and the network. */
export function scrapeWaitMs(header: string | undefined): number {
  const seconds = header === undefined ? Number.NaN : Number.parseFloat(header);
  if (!Number.isFinite(seconds) || seconds <= 0) return DEFAULT_SCRAPE_WAIT_MS;
  const timeoutMs = seconds * 1000;
  return Math.max(0, timeoutMs - Math.max(250, timeoutMs * 0.1));
}

/** As Go's promhttp: gzip when the client lists it, unless it gives it q=0. */
function acceptsGzip(req: Request): boolean {
  const header = req.get('accept-encoding') ?? '';
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return coding?.trim() === 'gzip' && (q === undefined || Number.parseFloat(q.slice(2)) > 0);
  });
}

/** The exporter's HTTP surface; built from its dependencies so tests can run several. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');

  app.use((req, res, next) => {
    // every answer: a browser never guesses a type other than the one sent
    res.set('X-Content-Type-Options', 'nosniff');
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    res.set('Allow', 'GET, HEAD').status(405).type('text/plain').send('Method not allowed\n');
  });
  if (deps.web) app.use(webGuard(deps.web.config, deps.web.passwords, deps.now));

  // Scrapes are never refused: one served from cache costs next to nothing, and those that wait
  // for a refresh all wait for the same one, each at most its scrape timeout.
  app.get(deps.telemetryPath, (req, res) => deps.metrics.serving(() => scrape(req, res)));
  async function scrape(req: Request, res: Response): Promise<void> {
    try {
      const waitMs = scrapeWaitMs(req.get('x-prometheus-scrape-timeout-seconds'));
      const start = performance.now();
      const before = deps.collector.state();
      await deps.collector.beforeScrape(waitMs);
      const state = deps.collector.state();
      // A scrape that waited for a refresh waits for its page too, within the same budget; any
      // other is served the newest page built, never held up by a build.
      const pageWaitMs = state === before ? 0 : Math.max(0, waitMs - (performance.now() - start));
      const gzip = acceptsGzip(req);
      const render = gzip ? deps.metrics.renderGzip : deps.metrics.render;
      const format = negotiateFormat(req.get('accept'));
      const { contentType, chunks } = await render(format, state, deps.now(), pageWaitMs);
      res.set('Content-Type', contentType);
      res.set('Vary', 'Accept, Accept-Encoding');
      if (gzip) res.set('Content-Encoding', 'gzip');
      res.set('Content-Length', String(chunks.reduce((n, c) => n + c.length, 0)));
      // one writev for the page's hundreds of pieces, not a write each
      res.cork();
      for (const chunk of chunks) res.write(chunk);
      res.end();
      res.uncork();
    } catch (err) {
      deps.logger.error({ err }, 'cannot render metrics');
      res.status(500).type('text/plain').send('cannot render metrics\n');
    }
  }

  app.get('/', (req, res) => {
    const query = new URL(req.originalUrl, 'http://localhost').searchParams;
    let html: string;
    try {
      html = landingPage({
        version: deps.version,
        telemetryPath: deps.telemetryPath,
        config: deps.describedConfig,
        state: deps.collector.state(),
        nowMs: deps.now(),
        eventsLookbackMs: deps.eventsLookbackMs,
        query: { status: query.get('status'), page: query.get('page') },
      });
    } catch (err) {
      if (!(err instanceof ViewQueryError)) throw err;
      res.status(err.status).type('text/plain').send(`${err.message}\n`);
      return;
    }
    // http_server_config.headers may set a policy of its own for every answer; it wins
    if (!res.get('Content-Security-Policy')) res.set('Content-Security-Policy', LANDING_CSP);
    res.type('html').send(html);
  });

  app.get('/-/healthy', (_req, res) => {
    res.type('text/plain').send('Healthy\n');
  });

  app.get('/-/ready', (_req, res) => {
    const ready = deps.collector.ready();
    res
      .status(ready ? 200 : 503)
      .type('text/plain')
      .send(ready ? 'Ready\n' : 'Not ready: the first refresh has not finished\n');
  });

  app.use((_req, res) => {
    res.status(404).type('text/plain').send('Not found\n');
  });

  return app;
}
