import { CREDENTIAL_ENDPOINTS, type Problem } from '../collect/problems.js';

/** What happened, as a sentence for the page and in a few words for the tab's title. */
interface Words {
  readonly headline: string;
  readonly brief: string;
}

function words(p: Problem): Words {
  switch (p.code) {
    case 'ATLAS_AUTH_FAILED':
      return CREDENTIAL_ENDPOINTS.has(p.endpoint ?? '')
        ? { headline: 'Atlas refused the credentials', brief: 'credentials refused' }
        : { headline: 'Atlas refused access', brief: 'access refused' };
    case 'ATLAS_TIMEOUT':
      return {
        headline: 'Atlas did not answer within --atlas.request-timeout, retries included',
        brief: 'no answer in time',
      };
    case 'ATLAS_NETWORK_ERROR':
      return { headline: 'The exporter could not reach Atlas', brief: 'unreachable' };
    case 'ATLAS_CLIENT_ERROR':
      return { headline: 'The exporter could not send its request to Atlas', brief: 'request not sent' };
    case 'ATLAS_MALFORMED_RESPONSE':
      return { headline: 'Atlas sent an answer the exporter cannot read', brief: 'unreadable answer' };
    case 'ATLAS_PAGING_LIMIT':
      return {
        headline: 'Atlas sent a list that does not end (its pages repeat or go on past the limit)',
        brief: 'endless list',
      };
    case 'ATLAS_HTTP_ERROR':
      return httpWords(p);
    default:
      return { headline: `Unexpected error: ${p.message}`, brief: 'unexpected error' };
  }
}

function httpWords({ status, endpoint, orgId }: Problem): Words {
  if (status === 403) return { headline: 'Atlas denied access', brief: 'access denied' };
  if (status === 404 && (orgId !== undefined || endpoint === 'org_groups'))
    return {
      headline: orgId
        ? `The organisation ${orgId} of --atlas.org-id does not exist or these credentials cannot see it`
        : 'Atlas does not know this organisation (see --atlas.org-id)',
      brief: 'organisation not found',
    };
  if (status === 404) return { headline: 'Atlas does not know this project or cluster', brief: 'not found' };
  if (status === 410) return { headline: 'Atlas has retired this endpoint', brief: 'endpoint retired' };
  if (status === 429) return { headline: 'Atlas kept rate-limiting the exporter', brief: 'rate-limited' };
  if (status !== undefined && status >= 500)
    return { headline: 'Atlas kept failing with a server error', brief: 'server error' };
  return { headline: 'Atlas answered with an error', brief: `answered ${status ?? 'an error'}` };
}

/**
 * What went wrong, in words a person reads: what happened, Atlas's status and code in brackets,
 * and Atlas's own explanation when it gave one. Never the request line (the log has that).
 */
export function problemInWords(p: Problem): string {
  const codes = [p.status, p.errorCode ?? p.cause].filter((x) => x !== undefined).join(' ');
  const said = p.detail ? `: “${p.detail}”` : '';
  return `${words(p).headline}${codes ? ` (${codes})` : ''}${said}`;
}

/** What went wrong in a few words, for the tab's title: `credentials refused`. */
export const problemInBrief = (p: Problem): string => words(p).brief;
