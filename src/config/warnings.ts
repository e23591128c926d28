import { ALL_TAGS } from '../resources/tags.js';
import type { Settings } from './config.js';

/** Hosts whose traffic never leaves the machine. */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/**
 * Settings that are valid but probably not what was meant, one line each, for a WARN at start
 * and for --config.check. `label` names a flag as it was given (flag or variable).
 */
export function settingWarnings(
  atlas: Pick<Settings['atlas'], 'baseUrl' | 'orgId' | 'projectIds' | 'tagLabels'>,
  demo: boolean,
  label: (flag: 'atlas.org-id' | 'atlas.project-id' | 'atlas.base-url' | 'atlas.tag-labels') => string,
): string[] {
  const lines: string[] = [];
  if (atlas.orgId !== undefined && atlas.projectIds.length > 0) {
    lines.push(
      `${label('atlas.org-id')} is ignored: ${label('atlas.project-id')} names the projects to read, ` +
        'whatever their organisation; leave one of them out',
    );
  }
  const url = new URL(atlas.baseUrl);
  // The demo reads its simulator, never this URL.
  if (!demo && url.protocol === 'http:' && !isLoopback(url.hostname)) {
    lines.push(
      `${label('atlas.base-url')} is http:// to ${url.host}: the credentials would travel in clear text; use https://`,
    );
  }
  if (atlas.tagLabels.includes(ALL_TAGS)) {
    lines.push(
      `${label('atlas.tag-labels')} is ${ALL_TAGS}: every Atlas tag key becomes a label, an unbounded cardinality ` +
        '(each key or value anyone sets in Atlas makes new series); name the keys you route or filter on instead',
    );
  }
  return lines;
}
