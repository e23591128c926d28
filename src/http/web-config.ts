import { dirname, isAbsolute, resolve } from 'node:path';
import { createSecureContext, type SecureVersion } from 'node:tls';
import { parse } from 'yaml';
import { DURATION_HINT, parseDuration } from '../config/duration.js';
import {
  CIPHER_SUITES,
  CLIENT_AUTH,
  type ClientAuth,
  CURVES,
  EXTRA_HEADERS,
  TLS_VERSIONS,
  TLS13_SUITES,
} from './go-tls-names.js';

/** `tls_server_config`, in the words Node's TLS options use. */
export interface TlsSettings {
  readonly cert: Buffer;
  readonly key: Buffer;
  /** the CAs a client certificate must chain to */
  readonly clientCa: Buffer | undefined;
  readonly clientAuth: ClientAuth;
  /** a client certificate must hold one of these as a DNS, IP, e-mail or URI SAN */
  readonly clientAllowedSans: readonly string[] | undefined;
  readonly minVersion: SecureVersion;
  readonly maxVersion: SecureVersion;
  /** an OpenSSL cipher list; undefined: Node's default */
  readonly ciphers: string | undefined;
  /** an OpenSSL group list; undefined: Node's default */
  readonly ecdhCurve: string | undefined;
  readonly honorCipherOrder: boolean;
}

/** `rate_limit`: a token bucket of `burst` tokens, one more every `intervalMs`. */
export interface RateLimit {
  readonly intervalMs: number;
  readonly burst: number;
}

/** Prometheus's exporter-toolkit web config, checked. */
export interface WebConfig {
  readonly tls: TlsSettings | undefined;
  /** user name → bcrypt hash; undefined when no user is configured (no basic auth) */
  readonly basicAuthUsers: ReadonlyMap<string, string> | undefined;
  /** `http_server_config.headers`, set on every response */
  readonly headers: ReadonlyMap<string, string>;
  readonly rateLimit: RateLimit | undefined;
}

/** Every file a load read, with its bytes (undefined: unreadable), so a reload can tell whether any changed. */
export type Sources = ReadonlyMap<string, Buffer | undefined>;

export type LoadedWebConfig =
  | { readonly kind: 'ok'; readonly config: WebConfig; readonly sources: Sources }
  | { readonly kind: 'error'; readonly errors: string[]; readonly sources: Sources };

// The revisions bcryptjs can check; a $2x$ hash would pass here and then fail every login with a 500.
const BCRYPT = /^\$2[aby]?\$\d{2}\$[./A-Za-z0-9]{53}$/;

const SECTIONS = ['tls_server_config', 'http_server_config', 'basic_auth_users', 'rate_limit'];
const TLS_KEYS = [
  'cert_file',
  'cert',
  'key_file',
  'key',
  'client_auth_type',
  'client_ca_file',
  'client_ca',
  'client_allowed_sans',
  'min_version',
  'max_version',
  'cipher_suites',
  'curve_preferences',
  'prefer_server_cipher_suites',
];
/** Keys whose presence turns TLS on, as in exporter-toolkit's `TLSConfig.IsEnabled`. */
const TLS_ON = ['cert_file', 'cert', 'key_file', 'key', 'client_ca_file', 'client_ca', 'client_auth_type'];

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** One mapping of the file: typed reads of its keys, every problem collected with the key's path. */
class Section {
  constructor(
    readonly name: string,
    readonly raw: Record<string, unknown>,
    readonly problems: string[],
    known?: readonly string[],
  ) {
    for (const key of Object.keys(raw)) {
      if (known && !known.includes(key))
        problems.push(`${this.at(key)} is not a web config key; use ${known.join(', ')}`);
    }
  }

  /** `tls_server_config.cert_file`; a top-level key alone. */
  at(key: string): string {
    return this.name === '' ? key : `${this.name}.${key}`;
  }

  has(key: string): boolean {
    const value = this.raw[key];
    return value !== undefined && value !== null && value !== '';
  }

  string(key: string): string | undefined {
    const value = this.raw[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    this.problems.push(`${this.at(key)} must be a string`);
    return undefined;
  }

  bool(key: string, fallback: boolean): boolean {
    const value = this.raw[key];
    if (value === undefined || value === null) return fallback;
    if (typeof value === 'boolean') return value;
    this.problems.push(`${this.at(key)} must be true or false`);
    return fallback;
  }

  strings(key: string): string[] | undefined {
    const value = this.raw[key];
    if (value === undefined || value === null) return undefined;
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
    this.problems.push(`${this.at(key)} must be a list of strings`);
    return undefined;
  }

  /** `word` looked up in `table`, or a problem naming what the key takes. */
  oneOf<T>(key: string, word: string, table: Readonly<Record<string, T>>): T | undefined {
    if (Object.hasOwn(table, word)) return table[word];
    const words = Object.keys(table).filter(Boolean);
    this.problems.push(`${this.at(key)}: "${word}" is not one of ${words.join(', ')}`);
    return undefined;
  }
}

function section(raw: unknown, name: string, problems: string[], known?: readonly string[]) {
  if (raw === undefined || raw === null) return undefined;
  if (isRecord(raw)) return new Section(name, raw, problems, known);
  problems.push(`${name} must be a mapping`);
  return undefined;
}

/** Reads a file the config names (under `key`), relative to the config's folder as exporter-toolkit does. */
type Read = (path: string, key: string) => Buffer | undefined;

/** `x_file` or inline `x`: exactly one when `required`, at most one otherwise. */
function fileOrInline(s: Section, name: string, required: boolean, read: Read): Buffer | undefined {
  const path = s.string(`${name}_file`) || undefined;
  const inline = s.string(name) || undefined;
  if (path !== undefined && inline !== undefined) {
    s.problems.push(`${s.name}: give ${name}_file or ${name}, not both`);
    return undefined;
  }
  if (inline !== undefined) return Buffer.from(inline);
  if (path !== undefined) return read(path, s.at(`${name}_file`));
  if (required) s.problems.push(`${s.name}.${name}_file (or inline ${name}) is required`);
  return undefined;
}

function versions(s: Section): { minVersion: SecureVersion; maxVersion: SecureVersion } {
  const pick = (key: string, fallback: string) => s.oneOf(key, s.string(key) ?? fallback, TLS_VERSIONS);
  const minVersion = pick('min_version', 'TLS12') ?? 'TLSv1.2';
  const maxVersion = pick('max_version', 'TLS13') ?? 'TLSv1.3';
  if (minVersion > maxVersion) s.problems.push(`${s.name}: min_version is above max_version`);
  return { minVersion, maxVersion };
}

/** Go's cipher suite names as one OpenSSL list; TLS 1.3's three stay on, as in Go. */
function ciphers(s: Section): string | undefined {
  const names = s.strings('cipher_suites');
  if (!names || names.length === 0) return undefined;
  const mapped = names.map((name) => s.oneOf('cipher_suites', name, CIPHER_SUITES)).filter(Boolean);
  return mapped.length === 0 ? undefined : [...mapped, TLS13_SUITES].join(':');
}

function curves(s: Section): string | undefined {
  const names = s.strings('curve_preferences');
  if (!names || names.length === 0) return undefined;
  return names.map((name) => s.oneOf('curve_preferences', name, CURVES)).join(':');
}

function clientAuth(s: Section, clientCa: Buffer | undefined): ClientAuth {
  const auth = s.oneOf('client_auth_type', s.string('client_auth_type') ?? '', CLIENT_AUTH) ?? 'NoClientCert';
  if (clientCa && auth === 'NoClientCert')
    s.problems.push(
      `${s.name}: client_ca_file is set but client_auth_type is NoClientCert; use RequireAndVerifyClientCert`,
    );
  return auth;
}

function readTls(raw: unknown, read: Read, problems: string[]): TlsSettings | undefined {
  const s = section(raw, 'tls_server_config', problems, TLS_KEYS);
  if (!s) return undefined;
  if (!TLS_ON.some((key) => s.has(key))) {
    if (Object.values(s.raw).some((v) => v !== null && v !== undefined))
      problems.push('tls_server_config has TLS options but no cert_file (or cert) and key_file (or key)');
    return undefined;
  }
  const before = problems.length;
  const cert = fileOrInline(s, 'cert', true, read);
  const key = fileOrInline(s, 'key', true, read);
  const clientCa = fileOrInline(s, 'client_ca', false, read);
  const settings = {
    clientCa,
    clientAuth: clientAuth(s, clientCa),
    clientAllowedSans: s.strings('client_allowed_sans'),
    ...versions(s),
    ciphers: ciphers(s),
    ecdhCurve: curves(s),
    honorCipherOrder: s.bool('prefer_server_cipher_suites', true),
  };
  if (problems.length > before || !cert || !key) return undefined;
  const tls = { cert, key, ...settings };
  try {
    createSecureContext(secureContextOptions(tls));
  } catch (err) {
    problems.push(`tls_server_config does not load: ${(err as Error).message}`);
    return undefined;
  }
  return tls;
}

/** The options of Node's `tls.createSecureContext` for these settings. */
export function secureContextOptions(tls: TlsSettings) {
  return {
    cert: tls.cert,
    key: tls.key,
    ...(tls.clientCa ? { ca: tls.clientCa } : {}),
    minVersion: tls.minVersion,
    maxVersion: tls.maxVersion,
    ...(tls.ciphers ? { ciphers: tls.ciphers } : {}),
    ...(tls.ecdhCurve ? { ecdhCurve: tls.ecdhCurve } : {}),
    honorCipherOrder: tls.honorCipherOrder,
  };
}

function readHeaders(raw: unknown, problems: string[]): Map<string, string> {
  const headers = new Map<string, string>();
  const http = section(raw, 'http_server_config', problems, ['http2', 'headers']);
  if (!http) return headers;
  // accepted for compatibility: the exporter serves HTTP/1.1 whatever it says
  http.bool('http2', true);
  const s = section(http.raw.headers, 'http_server_config.headers', problems);
  for (const [name, value] of Object.entries(s?.raw ?? {})) {
    const allowed = EXTRA_HEADERS[name];
    if (!Object.hasOwn(EXTRA_HEADERS, name) || !allowed) {
      problems.push(
        `http_server_config.headers.${name} cannot be set; the headers are ${Object.keys(EXTRA_HEADERS).join(', ')}`,
      );
    } else if (typeof value !== 'string' || (allowed.length > 0 && !allowed.includes(value))) {
      problems.push(
        `http_server_config.headers.${name} must be ${allowed.length > 0 ? `one of ${allowed.join(', ')}` : 'a string'}`,
      );
    } else if (value !== '') headers.set(name, value);
  }
  return headers;
}

function readUsers(raw: unknown, problems: string[]): Map<string, string> | undefined {
  const s = section(raw, 'basic_auth_users', problems);
  if (!s) return undefined;
  const users = new Map<string, string>();
  for (const [user, hash] of Object.entries(s.raw)) {
    if (typeof hash !== 'string' || !BCRYPT.test(hash)) {
      problems.push(
        `basic_auth_users.${user} must be a bcrypt hash (e.g. from htpasswd -nBC 10 "" | tr -d ':\\n')`,
      );
    } else users.set(user, hash);
  }
  // as in exporter-toolkit: no users, no basic auth
  return users.size > 0 ? users : undefined;
}

function readRateLimit(raw: unknown, problems: string[]): RateLimit | undefined {
  const s = section(raw, 'rate_limit', problems, ['interval', 'burst']);
  if (!s) return undefined;
  const text = s.string('interval') ?? '0';
  const intervalMs = parseDuration(text);
  if (intervalMs === undefined) {
    problems.push(`rate_limit.interval: "${text}" is not a duration; ${DURATION_HINT}`);
    return undefined;
  }
  // as in exporter-toolkit: an interval of 0 turns the limiter off
  if (intervalMs === 0) return undefined;
  const burst = s.raw.burst;
  if (typeof burst !== 'number' || !Number.isSafeInteger(burst) || burst < 1) {
    problems.push('rate_limit.burst must be a whole number of requests, at least 1');
    return undefined;
  }
  return { intervalMs, burst };
}

/**
 * Parses and checks a web config file and the files it names, relative to its folder as in
 * exporter-toolkit. Every problem is one line naming the flag and the file.
 */
export function loadWebConfig(path: string, readFile: (path: string) => Buffer): LoadedWebConfig {
  const where = `--web.config.file ${path}`;
  const sources = new Map<string, Buffer | undefined>();
  const problems: string[] = [];
  const read: Read = (file, key) => {
    const full = isAbsolute(file) ? file : resolve(dirname(path), file);
    try {
      const bytes = readFile(full);
      sources.set(full, bytes);
      return bytes;
    } catch (err) {
      sources.set(full, undefined);
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      problems.push(`${key}: cannot read ${full} (${code})`);
      return undefined;
    }
  };
  const done = (): LoadedWebConfig => ({
    kind: 'error',
    errors: problems.map((problem) => `${where}: ${problem}`),
    sources,
  });

  let text: Buffer;
  try {
    text = readFile(path);
    sources.set(path, text);
  } catch (err) {
    sources.set(path, undefined);
    return {
      kind: 'error',
      errors: [`${where}: cannot read it (${(err as NodeJS.ErrnoException).code ?? 'error'})`],
      sources,
    };
  }
  let raw: unknown;
  try {
    // uniqueKeys: a key given twice is an error, as in Go's yaml.UnmarshalStrict
    raw = parse(text.toString('utf8'), { uniqueKeys: true }) ?? {};
  } catch (err) {
    problems.push(`cannot read it as YAML (${(err as Error).message.split('\n')[0]})`);
    return done();
  }
  if (!isRecord(raw)) {
    problems.push('expected a YAML mapping');
    return done();
  }
  new Section('', raw, problems, SECTIONS);
  const config: WebConfig = {
    tls: readTls(raw.tls_server_config, read, problems),
    headers: readHeaders(raw.http_server_config, problems),
    basicAuthUsers: readUsers(raw.basic_auth_users, problems),
    rateLimit: readRateLimit(raw.rate_limit, problems),
  };
  return problems.length > 0 ? done() : { kind: 'ok', config, sources };
}
