import { SIM_RESOURCES } from '../resources/index.js';
import type { SimRoute } from '../resources/resource.js';

type ResourceEndpoint = (typeof SIM_RESOURCES)[number]['routes'][number]['endpoint'];

/** Endpoint names: the exporter's `endpoint` label values, plus the simulator's own extras. */
export type SimEndpoint = 'oauth_token' | 'oauth_revoke' | ResourceEndpoint | 'unknown';

/** The OAuth endpoints, which pipeline.ts answers itself: not versioned, not Atlas lists. */
interface OAuthRoute {
  endpoint: 'oauth_token' | 'oauth_revoke';
  method: 'POST';
  pattern: RegExp;
  version?: undefined;
  paged?: undefined;
}

export type Route = OAuthRoute | SimRoute<ResourceEndpoint>;

const ROUTES: readonly Route[] = [
  { endpoint: 'oauth_token', method: 'POST', pattern: /^\/api\/oauth\/token$/ },
  { endpoint: 'oauth_revoke', method: 'POST', pattern: /^\/api\/oauth\/revoke$/ },
  ...SIM_RESOURCES.flatMap((r): readonly SimRoute<ResourceEndpoint>[] => r.routes),
];

export interface RouteMatch {
  route: Route;
  /** decoded path parameters, in path order */
  params: string[];
}

export function matchRoute(method: string, path: string): RouteMatch | undefined {
  for (const route of ROUTES) {
    const m = route.pattern.exec(path);
    if (!m || route.method !== method) continue;
    try {
      return { route, params: m.slice(1).map((p) => decodeURIComponent(p)) };
    } catch {
      return undefined;
    }
  }
  return undefined;
}
