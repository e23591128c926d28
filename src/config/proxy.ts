import { BlockList, isIP } from 'node:net';
import type { EgressProxy } from '../atlas/api.js';
import { type Env, envValue } from './settings.js';
import type { Check } from './validate.js';

/**
 * The first of the variables that is set, upper case first as Go's ProxyFromEnvironment reads
 * them; an empty one counts as unset.
 */
function firstSet(env: Env, names: readonly string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = envValue(env, name);
    if (value !== undefined) return { name, value };
  }
  return undefined;
}

/** A proxy URL; without a scheme it is an http proxy, as curl and Go read `proxy:3128`. */
function proxyUrl(variable: string, value: string): Check<EgressProxy> {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
  } catch {
    // The value is not repeated: it may hold the proxy's password.
    return { ok: false, problem: `${variable}: not a URL; give it as http://host:port` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return {
      ok: false,
      problem: `${variable}: ${url.protocol}// proxies are not supported; give an http:// or https:// proxy`,
    };
  }
  return { ok: true, value: { url, variable } };
}

/** The host of a URL as NO_PROXY entries name it: lower case, an IPv6 address without brackets. */
function bareHost(url: URL): string {
  return url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
}

function defaultPort(url: URL): number {
  return Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
}

/**
 * Whether one NO_PROXY entry names the target: `*`; an IP address or a CIDR range; a domain,
 * which covers its subdomains (`.example.com` and `*.example.com` only those); each with an
 * optional `:port`.
 */
function bypasses(entry: string, target: URL): boolean {
  if (entry === '*') return true;
  // `host:port` or `[v6]:port`; a bare IPv6 address has colons but no port.
  const withPort = /^(\[.*\]|[^:]*):(\d+)$/.exec(entry);
  if (withPort && Number(withPort[2]) !== defaultPort(target)) return false;
  const name = (withPort?.[1] ?? entry).replace(/^\[(.*)\]$/, '$1').toLowerCase();
  const host = bareHost(target);
  const [range, bits] = name.split('/');
  if (bits !== undefined && range && isIP(range) && isIP(host)) {
    const family = isIP(range) === 4 ? 'ipv4' : 'ipv6';
    const list = new BlockList();
    list.addSubnet(range, Number(bits), family);
    return isIP(host) === isIP(range) && list.check(host, family);
  }
  if (name.startsWith('*.') || name.startsWith('.')) return host.endsWith(name.replace(/^\*/, ''));
  return host === name || host.endsWith(`.${name}`);
}

/**
 * The proxy for requests to `target` from HTTPS_PROXY / HTTP_PROXY (by the target's scheme) and
 * NO_PROXY, or undefined when none applies. Unlike Go, a loopback target is proxied too unless
 * NO_PROXY names it.
 */
export function proxyFor(target: string, env: Env): Check<EgressProxy | undefined> {
  const url = new URL(target);
  const names = url.protocol === 'https:' ? ['HTTPS_PROXY', 'https_proxy'] : ['HTTP_PROXY', 'http_proxy'];
  const set = firstSet(env, names);
  if (!set) return { ok: true, value: undefined };
  const proxy = proxyUrl(set.name, set.value);
  if (!proxy.ok) return proxy;
  const noProxy = firstSet(env, ['NO_PROXY', 'no_proxy'])?.value ?? '';
  const entries = noProxy.split(/[\s,]+/).filter((entry) => entry !== '');
  return entries.some((entry) => bypasses(entry, url)) ? { ok: true, value: undefined } : proxy;
}

/** The proxy as the config shows it: host and port, any user or password masked. */
export function describeProxy(proxy: EgressProxy, mask: string): string {
  const credentials = proxy.url.username || proxy.url.password ? `${mask}@` : '';
  return `${proxy.url.protocol}//${credentials}${proxy.url.host} (${proxy.variable})`;
}
