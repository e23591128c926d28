import type { EgressProxy } from './api.js';

function codeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Errors raised before anything was sent: a header undici or Node refuses (a token with CR/LF),
 * an argument it does not take. Sending again would be refused the same way.
 */
const LOCAL_ERRORS = new Set([
  'UND_ERR_INVALID_ARG',
  'UND_ERR_NOT_SUPPORTED',
  'ERR_INVALID_ARG_TYPE',
  'ERR_INVALID_ARG_VALUE',
  'ERR_INVALID_CHAR',
  'ERR_INVALID_HTTP_TOKEN',
  'ERR_INVALID_URL',
]);

/** Certificates that a CA given in NODE_EXTRA_CA_CERTS would make trusted. */
const UNTRUSTED_CERTIFICATE = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_UNTRUSTED',
]);

/** Failing to reach the first hop: with a proxy, that hop is the proxy. */
const CONNECT_ERRORS = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * What a proxy answered instead of letting the request through: undici reports a refused CONNECT
 * as "Proxy response (403) !== 200 when HTTP Tunneling", and a 407 to a forwarded request as
 * "Proxy Authentication Required (407)".
 */
function proxyStatus(err: unknown): number | undefined {
  const message = err instanceof Error ? err.message : '';
  const status =
    /^Proxy response \((\d{3})\)/.exec(message) ?? /^Proxy Authentication Required \((407)\)/.exec(message);
  return status ? Number(status[1]) : undefined;
}

/** A request the exporter could not even send; not a network error, so never retried. */
export function isLocalError(err: unknown): boolean {
  return LOCAL_ERRORS.has(codeOf(err) ?? '') && proxyStatus(err) === undefined;
}

function proxyRefusal(status: number, proxy: EgressProxy, atlasHost: string): string {
  const by = `the proxy ${proxy.url.host} (${proxy.variable}) refused the request with HTTP ${status}`;
  // Some proxies (tinyproxy) answer wrong credentials with 401 rather than 407.
  if (status === 407 || status === 401) return `${by}: check the user and password in ${proxy.variable}`;
  if (status === 403) return `${by}: the proxy does not allow ${atlasHost}; ask for it to be allowed`;
  return `${by}: check that the proxy can reach ${atlasHost}`;
}

/**
 * A sentence for the network errors a person can act on: a proxy that refuses or cannot be
 * reached (named by host, never with its credentials), a certificate from a CA Node does not
 * trust. Undefined for the rest, whose code says enough.
 */
export function explainNetworkError(
  err: unknown,
  origin: string,
  proxy: EgressProxy | undefined,
): string | undefined {
  const atlasHost = new URL(origin).host;
  const code = codeOf(err) ?? codeOf((err as { cause?: unknown } | null)?.cause);
  const status = proxyStatus(err);
  if (proxy && status !== undefined) return proxyRefusal(status, proxy, atlasHost);
  if (proxy && code !== undefined && CONNECT_ERRORS.has(code)) {
    return `cannot connect to the proxy ${proxy.url.host} (${proxy.variable}): ${code}; check ${proxy.variable}`;
  }
  if (code !== undefined && UNTRUSTED_CERTIFICATE.has(code)) {
    return (
      `the certificate of ${atlasHost} is not trusted (${code}); if a private CA or a ` +
      'TLS-intercepting proxy signs it, give that CA certificate in NODE_EXTRA_CA_CERTS'
    );
  }
  return undefined;
}
