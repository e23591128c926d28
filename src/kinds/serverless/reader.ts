import { AtlasError } from '../../atlas/errors.js';
import { SERVERLESS_INSTANCE_EVENT_TYPES } from '../../resources/project-events/endpoints.js';
import { type Kind, listAll } from '../kind.js';
import { serverlessEndpoints } from './endpoints.js';
import { parseServerlessInstance } from './schema.js';
import { fromServerlessInstance } from './transform.js';

/** Legacy serverless instances; Atlas is migrating them to Flex. */
export const serverless: Kind = {
  endpoints: ['serverless_instances'],
  events: { clusters: SERVERLESS_INSTANCE_EVENT_TYPES },
  async listClusters(client, group, signal) {
    const endpoint = serverlessEndpoints.instances(group.id);
    const instances = await listAll(client, endpoint, parseServerlessInstance, signal);
    return instances.map((s) => fromServerlessInstance(group, s));
  },
  /**
   * The serverless endpoints passed their sunset (January 2026): a 410, or on the list a 404 that
   * is not about the project, means the kind is retired, not that the exporter failed.
   */
  retirement(err, stage) {
    if (!(err instanceof AtlasError)) return undefined;
    const gone =
      err.status === 410 || (stage === 'list' && err.status === 404 && err.errorCode !== 'GROUP_NOT_FOUND');
    return gone ? 'serverless endpoints answered 410 Gone or 404' : undefined;
  },
};
