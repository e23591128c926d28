import { isIPv6 } from 'node:net';
import { DURATION_HINT, formatDuration, parseDuration } from './duration.js';
import { type ClusterKind, SUPPORTED_CLUSTER_KINDS } from './kinds.js';

/** A validated value, or what is wrong with the text and how to fix it. */
export type Check<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problem: string };

const ok = <T>(value: T): Check<T> => ({ ok: true, value });
const bad = <T>(problem: string): Check<T> => ({ ok: false, problem });

/** A duration within [minMs, maxMs]. */
export function duration(minMs: number, maxMs = Number.MAX_SAFE_INTEGER): (text: string) => Check<number> {
  return (text) => {
    const ms = parseDuration(text);
    if (ms === undefined) return bad(`"${text}" is not a duration; ${DURATION_HINT}`);
    if (ms < minMs) return bad(`${text} is too short; use at least ${formatDuration(minMs)}`);
    if (ms > maxMs) return bad(`${text} is too long; use at most ${formatDuration(maxMs)}`);
    return ok(ms);
  };
}

/** An integer within [min, max], digits only. */
export function integer(min: number, max: number): (text: string) => Check<number> {
  return (text) => {
    const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max)
      return bad(`"${text}" is not an integer from ${min} to ${max}`);
    return ok(n);
  };
}

/** One of a fixed set of words, case-sensitive like Prometheus's own flags. */
export function oneOf<T extends string>(options: readonly T[]): (text: string) => Check<T> {
  return (text) =>
    (options as readonly string[]).includes(text)
      ? ok(text as T)
      : bad(`"${text}" is not one of ${options.join(', ')}`);
}

export function boolean(text: string): Check<boolean> {
  const lower = text.toLowerCase();
  if (lower === 'true' || lower === '1') return ok(true);
  if (lower === 'false' || lower === '0') return ok(false);
  return bad(`"${text}" is not a boolean; use true or false`);
}

/** `[host]:port`; host undefined means every interface. */
export function listenAddress(text: string): Check<{ host: string | undefined; port: number }> {
  const match = /^(?:\[([^\]]*)\]|([^:[\]]*)):(\d{1,5})$/.exec(text);
  const hint = 'use [host]:port, e.g. :10025, 127.0.0.1:9000 or [::1]:9000';
  if (!match) {
    if ((text.match(/:/g)?.length ?? 0) > 1 && !text.startsWith('[')) {
      return bad(`"${text}" is not a listen address; put an IPv6 host in brackets, e.g. [::1]:9000`);
    }
    return bad(`"${text}" is not a listen address; ${hint}`);
  }
  const [, v6, name, portText] = match;
  const port = Number(portText);
  if (port > 65535) return bad(`port ${port} in "${text}" is out of range; use 0-65535`);
  if (v6 !== undefined)
    return isIPv6(v6) ? ok({ host: v6, port }) : bad(`"${v6}" is not an IPv6 address; ${hint}`);
  if (name && !/^[A-Za-z0-9.-]+$/.test(name)) return bad(`"${name}" is not a host name or address; ${hint}`);
  return ok({ host: name || undefined, port });
}

// The probes keep their own paths: a telemetry path there would shadow them.
const RESERVED_PATHS = ['/', '/-/healthy', '/-/ready'];

export function telemetryPath(text: string): Check<string> {
  if (!text.startsWith('/') || /[\s?#]/.test(text)) {
    return bad(`"${text}" is not a path; start it with / and leave out spaces, ? and #, e.g. /metrics`);
  }
  if (RESERVED_PATHS.includes(text)) return bad(`"${text}" is taken; use another path, e.g. /metrics`);
  return ok(text);
}

/**
 * An absolute http(s) URL without credentials, query or fragment; trailing slashes dropped.
 * Problems never quote the URL: it could hold a password.
 */
export function baseUrl(text: string): Check<string> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return bad('not an absolute URL; use e.g. https://cloud.mongodb.com');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return bad('not an http(s) URL; start it with https:// or http://');
  if (url.username || url.password) {
    return bad(
      'credentials do not belong in the URL; remove user:password@ and set credentials through the environment (see --help)',
    );
  }
  if (url.search || url.hash || text.includes('?') || text.includes('#')) {
    return bad('a query or fragment is not allowed; use e.g. https://cloud.mongodb.com');
  }
  return ok(url.href.replace(/\/+$/, ''));
}

/** An Atlas organisation or project id: 24 lowercase hexadecimal characters. */
export function atlasId(text: string): Check<string> {
  return /^[0-9a-f]{24}$/.test(text)
    ? ok(text)
    : bad(`"${text}" is not an Atlas id; use the 24 lowercase hexadecimal characters from the Atlas UI`);
}

/** Anchored like Prometheus's regexes: the pattern must match the whole cluster name. */
export function anchoredRegex(text: string): Check<RegExp> {
  if (text === '') return bad('empty; give a regular expression or leave the flag out');
  try {
    return ok(new RegExp(`^(?:${text})$`));
  } catch (err) {
    // V8 says "Invalid regular expression: /^(?:(…)$/: Unterminated group"; keep only the reason.
    const reason = (err instanceof Error ? err.message : String(err)).split(': ').at(-1);
    return bad(
      `"${text}" is not a valid regular expression (${reason}); JavaScript syntax, matched against the whole name`,
    );
  }
}

/** A comma-separated list of cluster kinds, deduplicated, in the order given. */
export function clusterKinds(text: string): Check<ClusterKind[]> {
  const supported = SUPPORTED_CLUSTER_KINDS.join(',');
  const kinds: ClusterKind[] = [];
  for (const item of text.split(',').map((s) => s.trim())) {
    if (item === '') continue;
    const kind = SUPPORTED_CLUSTER_KINDS.find((k) => k === item);
    if (!kind) return bad(`"${item}" is not a cluster kind; supported: ${supported}`);
    if (!kinds.includes(kind)) kinds.push(kind);
  }
  return kinds.length > 0 ? ok(kinds) : bad(`empty; list at least one of ${supported}`);
}
