import type { Credentials } from '../atlas/api.js';
import { type EndpointName, endpoints, type ListEndpoint } from '../atlas/endpoints.js';
import type { Config } from '../config.js';
import { KIND_READERS } from './kinds.js';

/**
 * The `endpoint` values a configuration's API counters can take, known before any request, so
 * that those counters start at 0 (Prometheus's instrumentation guidelines) and a dashboard's
 * panel says 0, not "No data". Status codes are not known before Atlas answers, so the
 * requests counter has none.
 */
export interface KnownLabels {
  /** every endpoint this configuration calls */
  readonly endpoints: readonly EndpointName[];
  /** those that may answer a Digest challenge: all of them with an API key, none otherwise */
  readonly challenged: readonly EndpointName[];
}

/** Where the projects come from: the organisation's list, unless a fixed list is given. */
export function projectsEndpoint({ orgId, projectIds }: Config['atlas']): ListEndpoint {
  return orgId && projectIds.length === 0 ? endpoints.orgGroups(orgId) : endpoints.groups();
}

/** The label values known for this configuration and these credentials. */
export function knownLabels(atlas: Config['atlas'], credentials: Credentials['kind']): KnownLabels {
  const called: EndpointName[] = [
    ...(credentials === 'service-account' ? (['oauth_token'] as const) : []),
    projectsEndpoint(atlas).name,
    ...atlas.clusterKinds.flatMap((kind) => KIND_READERS[kind].endpoints),
  ];
  return { endpoints: called, challenged: credentials === 'api-key' ? called : [] };
}
