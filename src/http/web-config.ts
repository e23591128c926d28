import { dirname, isAbsolute, resolve } from 'node:path';
import { createSecureContext } from 'node:tls';
import { parse } from 'yaml';

/** The parts of Prometheus's exporter-toolkit web config this exporter serves. */
export interface WebConfig {
  readonly tls: { readonly cert: Buffer; readonly key: Buffer } | undefined;
  /** user name → bcrypt hash */
  readonly basicAuthUsers: ReadonlyMap<string, string> | undefined;
}

type Result = { kind: 'ok'; config: WebConfig } | { kind: 'error'; errors: string[] };

const KNOWN_TOP = new Set(['tls_server_config', 'basic_auth_users']);
const KNOWN_TLS = new Set(['cert_file', 'key_file']);
// The revisions bcryptjs can check; a $2x$ hash would pass here and then fail every login with a 500.
const BCRYPT = /^\$2[aby]?\$\d{2}\$[./A-Za-z0-9]{53}$/;

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

function readTls(
  raw: unknown,
  where: string,
  base: string,
  readFile: (path: string) => Buffer,
  errors: string[],
) {
  if (!isRecord(raw)) {
    errors.push(`${where}: tls_server_config must be a mapping with cert_file and key_file`);
    return undefined;
  }
  for (const key of Object.keys(raw)) {
    if (!KNOWN_TLS.has(key))
      errors.push(`${where}: tls_server_config.${key} is not supported; use cert_file and key_file`);
  }
  const files: Buffer[] = [];
  for (const key of ['cert_file', 'key_file'] as const) {
    const value = raw[key];
    if (typeof value !== 'string' || value === '') {
      errors.push(`${where}: tls_server_config.${key} is required`);
      continue;
    }
    const path = isAbsolute(value) ? value : resolve(base, value);
    try {
      files.push(readFile(path));
    } catch (err) {
      errors.push(
        `${where}: tls_server_config.${key}: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
  }
  const [cert, key] = files;
  if (!cert || !key) return undefined;
  try {
    createSecureContext({ cert, key });
  } catch (err) {
    errors.push(
      `${where}: tls_server_config: the certificate and key do not load (${(err as Error).message})`,
    );
    return undefined;
  }
  return { cert, key };
}

function readUsers(raw: unknown, where: string, errors: string[]) {
  if (!isRecord(raw)) {
    errors.push(`${where}: basic_auth_users must map user names to bcrypt hashes`);
    return undefined;
  }
  const users = new Map<string, string>();
  for (const [user, hash] of Object.entries(raw)) {
    if (typeof hash !== 'string' || !BCRYPT.test(hash)) {
      errors.push(
        `${where}: basic_auth_users.${user} must be a bcrypt hash (e.g. from htpasswd -nBC 10 "" | tr -d ':\\n')`,
      );
    } else users.set(user, hash);
  }
  return users;
}

/** Parses and checks a web config file; relative paths are relative to the file, as in exporter-toolkit. */
export function loadWebConfig(path: string, readFile: (path: string) => Buffer): Result {
  const where = `--web.config.file ${path}`;
  let raw: unknown;
  try {
    raw = parse(readFile(path).toString('utf8'));
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message.split('\n')[0];
    return { kind: 'error', errors: [`${where}: cannot read it as YAML (${reason})`] };
  }
  if (raw === null || raw === undefined) raw = {};
  if (!isRecord(raw)) return { kind: 'error', errors: [`${where}: expected a YAML mapping`] };

  const errors: string[] = [];
  for (const key of Object.keys(raw)) {
    if (!KNOWN_TOP.has(key))
      errors.push(`${where}: ${key} is not supported; use tls_server_config and basic_auth_users`);
  }
  const base = dirname(path);
  const tls =
    raw.tls_server_config === undefined
      ? undefined
      : readTls(raw.tls_server_config, where, base, readFile, errors);
  const users =
    raw.basic_auth_users === undefined ? undefined : readUsers(raw.basic_auth_users, where, errors);
  if (errors.length > 0) return { kind: 'error', errors };
  return { kind: 'ok', config: { tls, basicAuthUsers: users } };
}
