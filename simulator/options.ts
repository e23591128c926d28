import type { SimCredentials } from './http/auth.js';
import type { RateLimitOptions } from './http/rate-limit.js';
import type { SizeOptions } from './world/size.js';

/** How far serverless is past its sunset (SimulatorOptions.serverlessRetired). */
export type ServerlessRetired = boolean | 'gone';

/** Everything `startSimulator` can be told; all optional. */
export interface SimulatorOptions extends SizeOptions {
  /** default 127.0.0.1 */
  host?: string;
  /** default 0 (any free port) */
  port?: number;
  /** serve https with this key and certificate (PEM), as Atlas does; default plain http */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** PRNG seed for the data and the credentials; default 1 */
  seed?: number;
  /** the clock the data is made relative to, and that tokens, nonces and the bucket use */
  now?: () => number;
  /** added to every request, ms; default 0 */
  latencyMs?: number;
  /** token bucket; default none (no RateLimit-* headers) */
  rateLimit?: RateLimitOptions;
  /** 0–1: the share of v2 requests that answer a random 500, 502, 503 or 429; default 0 */
  faultRate?: number;
  /** the statuses the fault rate picks from; default 500, 502, 503 and 429 */
  faultStatuses?: readonly number[];
  /**
   * serverless is past its sunset: `true` as since 2026-01-15 (empty instance list, 410
   * VERSION_GONE on snapshots); `'gone'` as once the list is removed too (410 on the list); default false
   */
  serverlessRetired?: ServerlessRetired;
  /** OAuth access token lifetime; default 3600 */
  tokenTtlSeconds?: number;
  /** Digest nonce lifetime; default 30 */
  nonceTtlSeconds?: number;
  /** `exact` (default): Accept must carry the endpoint's version; `resolve`: any later date is served too */
  acceptVersions?: 'exact' | 'resolve';
  /**
   * roles the credentials lack in every project (e.g. PROJECT_BACKUP_MANAGER, as read-only
   * credentials do): the routes that need one answer USER_UNAUTHORIZED (with `unauthorizedStatus`);
   * default none
   */
  missingRoles?: readonly string[];
  /** status for a project the credentials cannot read; default 401 (historical Atlas) */
  unauthorizedStatus?: 401 | 403;
  serviceAccount?: SimCredentials['serviceAccount'];
  apiKey?: SimCredentials['apiKey'];
}
