import { apiError, iso, okPage, type SimResponse, V2 } from '../http/wire.js';
import type { SimServerlessInstance } from '../world/model.js';
import { GROUP_PATH, type ProjectRequest, simResource, V2023 } from './resource.js';

/** Deprecated serverless endpoints announce their dates (spec x-sunset). */
const LIST_DATES = {
  deprecation: 'Sat, 1 Feb 2025 00:00:00 GMT',
  sunset: 'Mon, 18 Jan 2027 00:00:00 GMT',
};

export function withDates(res: SimResponse, dates: { deprecation: string; sunset: string }): SimResponse {
  return { ...res, headers: { ...res.headers, deprecation: dates.deprecation, sunset: dates.sunset } };
}

/** Atlas's answer to a version past its sunset. */
export function gone(version: string, sunset: string): SimResponse {
  const detail = `Version ${version} of this resource was sunset on ${sunset} and is no longer available.`;
  return apiError(410, 'VERSION_GONE', detail, [version]);
}

/** The instance the serverless API names, or the error Atlas gives (410 once its backups are retired). */
export function findServerless(req: ProjectRequest, name: string) {
  const p = req.project;
  if (req.knobs.serverlessRetired) return gone(req.version, '2026-01-22');
  const s = p.serverless.find((x) => x.name === name);
  if (s) return s;
  return apiError(
    404,
    'SERVERLESS_INSTANCE_NOT_FOUND',
    `No serverless instance named ${name} exists in group ${p.id}.`,
    [name, p.id],
  );
}

export function renderServerlessInstance(s: SimServerlessInstance, base: string) {
  return {
    connectionStrings: { standardSrv: `mongodb+srv://${s.name}.${s.hostSuffix}.mongodb.net` },
    createDate: iso(s.createMs),
    groupId: s.groupId,
    id: s.id,
    links: [{ href: `${base}${V2}/groups/${s.groupId}/serverless/${s.name}`, rel: 'self' }],
    mongoDBVersion: s.mongoDBVersion,
    name: s.name,
    providerSettings: {
      backingProviderName: s.provider,
      effectiveProviderName: s.migratedToFlex ? 'FLEX' : 'SERVERLESS',
      providerName: 'SERVERLESS',
      regionName: s.region,
    },
    serverlessBackupOptions: { serverlessContinuousBackupEnabled: s.continuousBackup },
    stateName: s.stateName,
    tags: [],
    terminationProtectionEnabled: false,
  };
}

/** A project's serverless instances; the `serverlessRetired` knob plays their sunset. */
export const serverlessInstances = simResource({
  name: 'serverless-instances',
  routes: [
    {
      endpoint: 'serverless_instances',
      method: 'GET',
      pattern: new RegExp(`^${GROUP_PATH}/serverless$`),
      version: V2023,
      paged: true,
      scope: 'project',
      handle: ({ project, base, query, self, version, knobs }) => {
        // Since 2026-01-15 Atlas answers this list with no instances; once removed, with the spec's
        // 410, still announcing its dates: past its Sunset, that is what tells a client to stop asking.
        if (knobs.serverlessRetired === 'gone') return withDates(gone(version, '2027-01-18'), LIST_DATES);
        const items = knobs.serverlessRetired
          ? []
          : project.serverless.map((s) => renderServerlessInstance(s, base));
        return withDates(okPage(items, query, self, version), LIST_DATES);
      },
    },
  ],
});
