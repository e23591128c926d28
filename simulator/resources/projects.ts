import { apiError, iso, okPage, V2 } from '../http/wire.js';
import type { SimProject } from '../world/model.js';
import { simResource, V2023 } from './resource.js';

export function renderGroup(p: SimProject, base: string) {
  return {
    clusterCount: p.flex.length + p.serverless.filter((s) => !s.migratedToFlex).length + p.dedicated.length,
    created: iso(p.createdMs),
    id: p.id,
    links: [{ href: `${base}${V2}/groups/${p.id}`, rel: 'self' }],
    name: p.name,
    orgId: p.orgId,
    tags: p.tags ?? [],
    withDefaultAlertsSettings: true,
  };
}

/** The projects: every one the credentials see, or an organisation's, by name prefix. */
export const projects = simResource({
  name: 'projects',
  routes: [
    {
      endpoint: 'groups',
      method: 'GET',
      pattern: /^\/api\/atlas\/v2\/groups$/,
      version: V2023,
      paged: true,
      scope: 'org',
      handle: ({ world, base, query, self, version }) =>
        okPage(
          world.projects.map((p) => renderGroup(p, base)),
          query,
          self,
          version,
        ),
    },
    {
      endpoint: 'org_groups',
      method: 'GET',
      pattern: /^\/api\/atlas\/v2\/orgs\/([^/]+)\/groups$/,
      version: V2023,
      paged: true,
      scope: 'org',
      handle: ({ world, base, query, self, version, params, search }) => {
        const [orgId = ''] = params;
        if (orgId !== world.orgId)
          return apiError(404, 'ORG_NOT_FOUND', `No organization ${orgId} exists.`, [orgId]);
        // `name` is a case-insensitive prefix filter (spec, org projects only).
        const prefix = (search.get('name') ?? '').toLowerCase();
        const found = world.projects.filter((x) => x.name.toLowerCase().startsWith(prefix));
        return okPage(
          found.map((x) => renderGroup(x, base)),
          query,
          self,
          version,
        );
      },
    },
  ],
});
