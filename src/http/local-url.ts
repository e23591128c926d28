/** The host a client on this machine dials for a server bound to `host`: a wildcard bind answers on loopback. */
export function reachableHost(host: string | undefined): string {
  return host && host !== '0.0.0.0' && host !== '::' ? host : '127.0.0.1';
}

/** `http(s)://host:port`, an IPv6 host in brackets. */
export function serverUrl(tls: boolean, host: string, port: number): string {
  return `${tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
