import type { RequestListener } from 'node:http';
import { createServer, type Server, type ServerOptions } from 'node:https';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { LiveWebConfig } from './live-web-config.js';
import { secureContextOptions, type TlsSettings } from './web-config.js';

/** What Go's net/http answers plain HTTP sent to a TLS port, byte for byte. */
export const PLAIN_HTTP_ANSWER =
  'HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n';
/** The first byte of every TLS connection: a handshake record. */
const TLS_HANDSHAKE = 0x16;
/** How long a new connection may stay silent before its first byte. */
const FIRST_BYTE_TIMEOUT_MS = 10_000;

/** What the TLS layer asks of a client for this `client_auth_type` (Go's semantics). */
function clientCertOptions(tls: TlsSettings) {
  return {
    requestCert: tls.clientAuth !== 'NoClientCert',
    rejectUnauthorized: tls.clientAuth === 'RequireAndVerifyClientCert',
  };
}

/** The SANs of a certificate as Go lists them: DNS names, e-mail addresses, IP addresses and URIs. */
function subjectAltNames(socket: TLSSocket): string[] {
  const names = socket.getPeerX509Certificate()?.subjectAltName ?? '';
  return names
    .split(/, (?=(?:DNS|email|IP Address|URI):)/)
    .map((entry) => entry.replace(/^(?:DNS|email|IP Address|URI):/, ''));
}

/** The checks Go makes after the handshake that OpenSSL's two switches cannot express. */
function clientAllowed(socket: TLSSocket, tls: TlsSettings): boolean {
  const presented = socket.getPeerX509Certificate() !== undefined;
  if (!presented)
    return tls.clientAuth !== 'RequireAnyClientCert' && tls.clientAuth !== 'RequireAndVerifyClientCert';
  if (tls.clientAuth === 'VerifyClientCertIfGiven' && !socket.authorized) return false;
  const allowed = tls.clientAllowedSans;
  return allowed === undefined || subjectAltNames(socket).some((name) => allowed.includes(name));
}

/**
 * Calls `then` with each connection's first byte, left unread (the TLS layer reads what was
 * put back); destroys a connection that sends none. The HTTP layer does not know these
 * connections yet, so closing idle connections closes them here.
 */
function onFirstByte(server: Server, then: (socket: Socket, byte: number) => void) {
  const silent = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    silent.add(socket);
    socket.on('error', () => socket.destroy());
    socket.once('close', () => silent.delete(socket));
    socket.setTimeout(FIRST_BYTE_TIMEOUT_MS, () => socket.destroy());
    socket.once('end', () => socket.destroy());
    socket.once('data', (chunk: Buffer) => {
      silent.delete(socket);
      socket.pause();
      socket.unshift(chunk);
      socket.setTimeout(0);
      then(socket, chunk[0] ?? 0);
    });
  });
  const closeIdle = server.closeIdleConnections.bind(server);
  server.closeIdleConnections = () => {
    for (const socket of silent) socket.destroy();
    closeIdle();
  };
}

/**
 * An HTTPS server whose certificate, key, client CAs and TLS options follow the live web config:
 * each new connection is handed to the TLS layer only after the config was asked (so a renewed
 * certificate is served on the next handshake), and plain HTTP gets Go's 400 instead of an
 * empty reply.
 */
export function createTlsServer(limits: ServerOptions, live: LiveWebConfig, app: RequestListener): Server {
  let applied = live.current().tls as TlsSettings;
  const server = createServer(
    { ...limits, ...secureContextOptions(applied), ...clientCertOptions(applied) },
    app,
  );
  const apply = () => {
    const tls = live.current().tls;
    if (!tls || tls === applied) return;
    server.setSecureContext(secureContextOptions(tls));
    // read by the TLS server for each new connection; setSecureContext leaves them alone
    Object.assign(server, clientCertOptions(tls));
    applied = tls;
  };
  const handshake = server.listeners('connection') as Array<(socket: Socket) => void>;
  server.removeAllListeners('connection');
  onFirstByte(server, (socket, byte) => {
    // an upper-case letter: a method name, as Go's check of the record header decides
    if (byte !== TLS_HANDSHAKE && byte >= 0x41 && byte <= 0x5a) {
      socket.end(PLAIN_HTTP_ANSWER, () => socket.destroy());
      return;
    }
    apply();
    for (const listener of handshake) listener.call(server, socket);
  });
  server.on('secureConnection', (socket: TLSSocket) => {
    if (!clientAllowed(socket, applied)) socket.destroy();
  });
  return server;
}
