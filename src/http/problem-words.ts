import type { Problem } from '../collect/problems.js';

/** Endpoints whose refusal means the credentials themselves, not one project's permissions. */
const CREDENTIAL_ENDPOINTS = new Set(['oauth_token', 'groups', 'org_groups']);

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
