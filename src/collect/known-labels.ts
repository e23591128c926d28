import type { Credentials } from '../atlas/api.js';
import type { EndpointName } from '../atlas/endpoints.js';
import {
  type AnyCollector,
  type AnyOrgCollector,
  type AnyProjectCollector,
  collectorEndpoints,
  enabledCollectors,
} from '../collectors/collector.js';
import { COLLECTORS, ORG_COLLECTORS, PROJECT_COLLECTORS } from '../collectors/index.js';
import type { ClusterKind } from '../config/kinds.js';
import { KINDS } from '../kinds/index.js';
import { projectsEndpoint } from '../resources/projects/endpoints.js';
import type { ProjectScope } from '../resources/projects/reader.js';

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

/** The label values known for this configuration and these credentials. */
export function knownLabels(
  atlas: Omit<ProjectScope, 'shard'> & { readonly clusterKinds: readonly ClusterKind[] },
  credentials: Credentials['kind'],
  collectors: readonly AnyCollector[] = enabledCollectors(COLLECTORS, {}),
  projectCollectors: readonly AnyProjectCollector[] = enabledCollectors(PROJECT_COLLECTORS, {}),
  orgCollectors: readonly AnyOrgCollector[] = enabledCollectors(ORG_COLLECTORS, {}),
): KnownLabels {
  const called: EndpointName[] = [
    ...(credentials === 'service-account' ? ['oauth_token'] : []),
    projectsEndpoint(atlas).name,
    ...atlas.clusterKinds.flatMap((kind) => [
      ...KINDS[kind].endpoints,
      ...collectorEndpoints(collectors, [kind]),
    ]),
    // read for the backup events of every project, whatever the kinds
    'project_events',
    ...projectCollectors.map((c) => c.endpoint),
    ...orgCollectors.map((c) => c.endpoint),
  ];
  return { endpoints: called, challenged: credentials === 'api-key' ? called : [] };
}
