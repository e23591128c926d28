import { describe, expect, it } from 'vitest';
import { enabledCollectors } from '../collectors/collector.js';
import { COLLECTORS, PROJECT_COLLECTORS } from '../collectors/index.js';
import type { Config } from '../config/config.js';
import { parseConfig } from '../config/parse.js';
import { knownLabels } from './known-labels.js';

const SA = { MONGODB_ATLAS_CLIENT_ID: 'mdb_sa_id_1', MONGODB_ATLAS_CLIENT_SECRET: 'mdb_sa_sk_1' };
const ORG = '5f1e2d3c4b5a69788796a5b4';
const P1 = '0123456789abcdef01234567';

function atlas(argv: string[]): Config['atlas'] {
  const result = parseConfig(argv, SA, () => '');
  if (result.kind !== 'run') throw new Error(JSON.stringify(result));
  return result.config.atlas;
}

describe('the label values known before any request', () => {
  it('are every endpoint the default configuration calls, the token endpoint included', () => {
    expect(knownLabels(atlas([]), 'service-account')).toEqual({
      endpoints: [
        'oauth_token',
        'groups',
        'flex_clusters',
        'flex_snapshots',
        'serverless_instances',
        'serverless_snapshots',
        'clusters',
        'backup_schedule',
        'cluster_snapshots',
        'sharded_cluster_snapshots',
        'project_events',
      ],
      // A service account is never challenged.
      challenged: [],
    });
  });

  it('follow the project discovery, the kinds and the credentials', () => {
    const known = knownLabels(atlas([`--atlas.org-id=${ORG}`, '--atlas.cluster-kinds=flex']), 'api-key');
    // Every project's events are read for its backup events, whatever the kinds.
    expect(known.endpoints).toEqual(['org_groups', 'flex_clusters', 'flex_snapshots', 'project_events']);
    expect(known.challenged).toEqual(known.endpoints);
    const fixed = atlas([
      `--atlas.org-id=${ORG}`,
      `--atlas.project-id=${P1}`,
      '--atlas.cluster-kinds=dedicated',
    ]);
    expect(knownLabels(fixed, 'api-key').endpoints).toEqual([
      'groups',
      'clusters',
      'backup_schedule',
      'cluster_snapshots',
      'sharded_cluster_snapshots',
      'project_events',
    ]);
  });

  it('add each enabled collector’s endpoints, per-project ones included', () => {
    const on = { exports: true };
    const dedicated = atlas([`--atlas.project-id=${P1}`, '--atlas.cluster-kinds=dedicated']);
    const known = knownLabels(
      dedicated,
      'service-account',
      enabledCollectors(COLLECTORS, on),
      enabledCollectors(PROJECT_COLLECTORS, on),
    );
    expect(known.endpoints).toContain('export_jobs');
    expect(known.endpoints).toContain('export_buckets');
    expect(knownLabels(dedicated, 'service-account').endpoints).not.toContain('export_buckets');
  });
});
