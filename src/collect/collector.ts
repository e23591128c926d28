import { setMaxListeners } from 'node:events';
import type { Logger } from 'pino';
import type { AtlasClient } from '../atlas/api.js';
import type { AnyCollector, AnyOrgCollector, AnyProjectCollector } from '../collectors/collector.js';
import type { RefreshMode } from '../config/config.js';
import type { ClusterKind } from '../config/kinds.js';
import type { Kind } from '../kinds/kind.js';
import { createProblemLog, problemOf } from './problems.js';
import { type RefreshSettings, refresh } from './refresh.js';
import { type CollectorState, EMPTY_STATE, type RefreshResult } from './state.js';

/** The settings the collector uses: when to refresh, and what each refresh reads. */
export interface CollectorSettings extends RefreshSettings {
  readonly cacheTtlMs: number;
  readonly refreshMode: RefreshMode;
}

export interface CollectorDeps {
  readonly client: AtlasClient;
  /** how each kind's clusters are listed */
  readonly kinds: Readonly<Record<ClusterKind, Kind>>;
  /** the enabled collectors, in read order */
  readonly collectors: readonly AnyCollector[];
  /** the enabled per-project collectors, in read order */
  readonly projectCollectors?: readonly AnyProjectCollector[];
  /** the enabled per-organisation collectors, in read order */
  readonly orgCollectors?: readonly AnyOrgCollector[];
  readonly settings: CollectorSettings;
  readonly logger: Logger;
  readonly now: () => number;
  /** told of every finished refresh, for the refreshes_total counter */
  readonly onRefresh?: (result: RefreshResult, state: CollectorState) => void;
}

/**
 * Owns the cached state and the single refresh in flight: however many scrapes arrive, Atlas
 * sees one refresh at a time.
 */
export function createCollector(deps: CollectorDeps) {
  const { settings, logger, now } = deps;
  const problems = createProblemLog(logger);
  const shutdown = new AbortController();
  // Every request waiting in the concurrency queue listens to this one signal.
  setMaxListeners(0, shutdown.signal);
  let state: CollectorState = EMPTY_STATE;
  let inFlight: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;

  async function run(): Promise<void> {
    const ctx = {
      client: deps.client,
      kinds: deps.kinds,
      collectors: deps.collectors,
      projectCollectors: deps.projectCollectors ?? [],
      orgCollectors: deps.orgCollectors ?? [],
      settings,
      logger,
      problems,
      now,
      signal: shutdown.signal,
    };
    try {
      state = await refresh(state, ctx);
    } catch (err) {
      if (shutdown.signal.aborted) return;
      // refresh() handles Atlas errors itself; anything here is a bug, and must not kill the process.
      logger.error({ err }, 'refresh failed unexpectedly');
      const endMs = now();
      state = { ...state, up: false, lastRefreshEndMs: endMs, lastResult: 'failure', error: problemOf(err) };
    }
    if (state.lastResult) deps.onRefresh?.(state.lastResult, state);
    logger.debug(
      { result: state.lastResult, duration_ms: state.lastRefreshDurationMs, clusters: state.clusters.size },
      'refresh finished',
    );
  }

  /** Starts a refresh unless one is running; either way returns the one in flight. */
  function refreshNow(): Promise<void> {
    inFlight ??= run().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  }

  function isFresh(): boolean {
    return state.lastRefreshEndMs !== undefined && now() - state.lastRefreshEndMs < settings.cacheTtlMs;
  }

  /**
   * Before a scrape. Fresh data, or background mode once there is data, is served at once, even
   * while a refresh runs. Otherwise (on-scrape mode with data older than the TTL, or no data yet)
   * a refresh is started or joined and awaited at most `maxWaitMs`; past that the scrape gets
   * the cached data and the refresh goes on.
   */
  async function beforeScrape(maxWaitMs: number): Promise<void> {
    const hasData = state.lastRefreshEndMs !== undefined;
    if (hasData && (isFresh() || settings.refreshMode === 'background')) return;
    const pending = settings.refreshMode === 'on-scrape' ? refreshNow() : inFlight;
    if (!pending) return;
    let waited: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      waited = setTimeout(resolve, Math.max(0, maxWaitMs));
    });
    await Promise.race([pending, timeout]);
    clearTimeout(waited);
  }

  function start(): void {
    void refreshNow();
    if (settings.refreshMode !== 'background') return;
    timer = setInterval(() => void refreshNow(), settings.cacheTtlMs);
    timer.unref();
  }

  /** Aborts the refresh in flight (its requests too) and stops the timer. */
  async function stop(): Promise<void> {
    clearInterval(timer);
    shutdown.abort();
    await inFlight;
  }

  return {
    state: () => state,
    ready: () => state.lastRefreshEndMs !== undefined,
    refreshNow,
    beforeScrape,
    start,
    stop,
  };
}

export type Collector = ReturnType<typeof createCollector>;
