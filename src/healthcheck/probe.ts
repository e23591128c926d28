import { X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import { type IncomingMessage, request } from 'node:http';
import { connect as connectTcp, isIP, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { formatDuration } from '../config/duration.js';

/** One GET to the exporter, as the healthcheck sends it. */
export interface ProbeRequest {
  readonly host: string;
  readonly port: number;
  readonly path: string;
  /** the certificate of `tls_server_config`; undefined = plain HTTP */
  readonly cert: Buffer | undefined;
  /** whether the web config's `client_auth_type` makes the server refuse a client without a certificate */
  readonly clientCertificateRequired: boolean;
  /** a `Basic …` header value, or undefined */
  readonly authorization: string | undefined;
  readonly timeoutMs: number;
}

/** What the exporter answered: a status, or (over TLS) a refusal for want of a client certificate. */
export type ProbeAnswer =
  | { readonly kind: 'status'; readonly status: number; readonly wwwAuthenticate: string | undefined }
  | { readonly kind: 'client-certificate-required' };

/** Why the probe got no answer; `message` names no credential. */
export class ProbeError extends Error {}

/**
 * The TLS alerts of a server that wants a client certificate (TLS 1.3 sends them after the
 * client's handshake is done, so the server's own certificate has been checked by then).
 */
const CLIENT_CERTIFICATE_ALERTS =
  /CERTIFICATE_REQUIRED|BAD_CERTIFICATE|HANDSHAKE_FAILURE|UNKNOWN_CA|ECONNRESET/;

/**
 * Trusts exactly the certificate the exporter was configured with, whoever signed it and whatever
 * names it holds (the probe dials an address, not a name), and sends no header before the server
 * has shown it: basic-auth credentials never reach an impostor on the port.
 */
async function pinnedTls(req: ProbeRequest, cert: Buffer, signal: AbortSignal): Promise<Socket> {
  const socket = connectTls({
    host: req.host,
    port: req.port,
    servername: isIP(req.host) ? undefined : req.host,
    rejectUnauthorized: false,
  });
  try {
    await once(socket, 'secureConnect', { signal });
  } catch (err) {
    socket.destroy();
    throw err;
  }
  const presented = socket.getPeerX509Certificate()?.fingerprint256;
  if (presented !== new X509Certificate(cert).fingerprint256) {
    socket.destroy();
    throw new ProbeError('the server does not present the certificate of tls_server_config');
  }
  return socket;
}

async function get(req: ProbeRequest, signal: AbortSignal): Promise<ProbeAnswer> {
  const socket = req.cert
    ? await pinnedTls(req, req.cert, signal)
    : connectTcp({ host: req.host, port: req.port });
  const headers: Record<string, string> = { 'user-agent': 'atlas-backup-exporter-healthcheck' };
  if (req.authorization) headers.authorization = req.authorization;
  const sent = request({ path: req.path, headers, signal, createConnection: () => socket });
  try {
    sent.end();
    const [res] = (await once(sent, 'response', { signal })) as [IncomingMessage];
    res.resume();
    return { kind: 'status', status: res.statusCode ?? 0, wwwAuthenticate: res.headers['www-authenticate'] };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (req.cert && req.clientCertificateRequired && CLIENT_CERTIFICATE_ALERTS.test(code))
      return { kind: 'client-certificate-required' };
    throw err;
  } finally {
    socket.destroy();
  }
}

/** GETs the path once; rejects with a ProbeError when there is no answer within `timeoutMs`. */
export async function probe(req: ProbeRequest): Promise<ProbeAnswer> {
  const signal = AbortSignal.timeout(req.timeoutMs);
  try {
    return await get(req, signal);
  } catch (err) {
    if (err instanceof ProbeError) throw err;
    if (signal.aborted) throw new ProbeError(`no answer within ${formatDuration(req.timeoutMs)}`);
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ECONNREFUSED') throw new ProbeError('nothing listens there (ECONNREFUSED)');
    throw new ProbeError(`no answer (${code ?? (err as Error).message})`);
  }
}
