import { CREDENTIAL_ENDPOINTS, type Problem } from '../collect/problems.js';

function headline(p: Problem): string {
  switch (p.code) {
    case 'ATLAS_AUTH_FAILED':
      return CREDENTIAL_ENDPOINTS.has(p.endpoint ?? '')
        ? 'Atlas refused the credentials'
        : 'Atlas refused access';
    case 'ATLAS_TIMEOUT':
      return 'Atlas did not answer within --atlas.request-timeout, retries included';
    case 'ATLAS_NETWORK_ERROR':
      return 'The exporter could not reach Atlas';
    case 'ATLAS_CLIENT_ERROR':
      return 'The exporter could not send its request to Atlas';
    case 'ATLAS_MALFORMED_RESPONSE':
      return 'Atlas sent an answer the exporter cannot read';
    case 'ATLAS_PAGING_LIMIT':
      return 'Atlas sent a list that does not end (its pages repeat or go on past the limit)';
    case 'ATLAS_HTTP_ERROR':
      if (p.status === 404 && p.orgId !== undefined)
        return `The organisation ${p.orgId} of --atlas.org-id does not exist or these credentials cannot see it`;
      return httpHeadline(p.status);
    default:
      return `Unexpected error: ${p.message}`;
  }
}

function httpHeadline(status: number | undefined): string {
  if (status === 403) return 'Atlas denied access';
  if (status === 404) return 'Atlas does not know this project or cluster';
  if (status === 410) return 'Atlas has retired this endpoint';
  if (status === 429) return 'Atlas kept rate-limiting the exporter';
  if (status !== undefined && status >= 500) return 'Atlas kept failing with a server error';
  return 'Atlas answered with an error';
}

/**
 * What went wrong, in words a person reads: what happened, Atlas's status and code in brackets,
 * and Atlas's own explanation when it gave one. Never the request line (the log has that).
 */
export function problemInWords(p: Problem): string {
  const codes = [p.status, p.errorCode ?? p.cause].filter((x) => x !== undefined).join(' ');
  const said = p.detail ? `: “${p.detail}”` : '';
  return `${headline(p)}${codes ? ` (${codes})` : ''}${said}`;
}
