import type { Credentials } from '../atlas/api.js';
import { type Env, envValue } from './settings.js';

export const CLIENT_ID = 'MONGODB_ATLAS_CLIENT_ID';
export const CLIENT_SECRET = 'MONGODB_ATLAS_CLIENT_SECRET';
export const PUBLIC_KEY_NAMES = ['MONGODB_ATLAS_PUBLIC_API_KEY', 'MONGODB_ATLAS_PUBLIC_KEY'] as const;
export const PRIVATE_KEY_NAMES = ['MONGODB_ATLAS_PRIVATE_API_KEY', 'MONGODB_ATLAS_PRIVATE_KEY'] as const;

const NO_CREDENTIALS =
  `no Atlas credentials: set ${CLIENT_ID} and ${CLIENT_SECRET} (a service account, recommended) ` +
  `or ${PUBLIC_KEY_NAMES[0]} and ${PRIVATE_KEY_NAMES[0]} (an API key), each also as <NAME>_FILE; ` +
  'or run with --demo to try the exporter against its built-in Atlas simulator';

interface Secret {
  /** the variable or any of its _FILE forms was set, even if it could not be read */
  readonly given: boolean;
  readonly value: string | undefined;
}

/**
 * Reads the credentials from the environment and `<NAME>_FILE` files. Every problem is reported,
 * and no message ever contains a credential value or file content.
 */
export function readCredentials(
  env: Env,
  readFile: (path: string) => string,
): { ok: true; credentials: Credentials } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const read = (names: readonly string[]) => readSecret(names, env, readFile, errors);
  const clientId = read([CLIENT_ID]);
  const clientSecret = read([CLIENT_SECRET]);
  const publicKey = read(PUBLIC_KEY_NAMES);
  const privateKey = read(PRIVATE_KEY_NAMES);

  const account = clientId.given || clientSecret.given;
  const apiKey = publicKey.given || privateKey.given;
  if (account && !(clientId.given && clientSecret.given)) {
    const missing = clientId.given ? CLIENT_SECRET : CLIENT_ID;
    errors.push(`${missing} is not set: a service account needs both ${CLIENT_ID} and ${CLIENT_SECRET}`);
  }
  if (apiKey && !(publicKey.given && privateKey.given)) {
    const missing = publicKey.given ? PRIVATE_KEY_NAMES[0] : PUBLIC_KEY_NAMES[0];
    errors.push(
      `${missing} is not set: an API key needs both ${PUBLIC_KEY_NAMES[0]} and ${PRIVATE_KEY_NAMES[0]}`,
    );
  }
  if (account && apiKey) {
    errors.push(
      `set either a service account (${CLIENT_ID}, ${CLIENT_SECRET}) or an API key ` +
        `(${PUBLIC_KEY_NAMES[0]}, ${PRIVATE_KEY_NAMES[0]}), not both`,
    );
  }
  if (!account && !apiKey) errors.push(NO_CREDENTIALS);
  if (errors.length > 0) return { ok: false, errors };

  if (clientId.value !== undefined && clientSecret.value !== undefined) {
    return {
      ok: true,
      credentials: { kind: 'service-account', clientId: clientId.value, clientSecret: clientSecret.value },
    };
  }
  if (publicKey.value !== undefined && privateKey.value !== undefined) {
    return {
      ok: true,
      credentials: { kind: 'api-key', publicKey: publicKey.value, privateKey: privateKey.value },
    };
  }
  return { ok: false, errors: [NO_CREDENTIALS] };
}

/** One value under any of `names` (aliases), each as the variable itself or as `<NAME>_FILE`. */
function readSecret(
  names: readonly string[],
  env: Env,
  readFile: (path: string) => string,
  errors: string[],
): Secret {
  const found: { name: string; value: string | undefined }[] = [];
  for (const name of names) {
    const direct = envValue(env, name)?.trim() || undefined;
    const path = envValue(env, `${name}_FILE`);
    if (direct !== undefined && path !== undefined) {
      errors.push(`${name} and ${name}_FILE are both set; set only one`);
      found.push({ name, value: undefined });
    } else if (direct !== undefined) {
      found.push({ name, value: direct });
    } else if (path !== undefined) {
      found.push({ name: `${name}_FILE`, value: readSecretFile(`${name}_FILE`, path, readFile, errors) });
    }
  }
  const [first, second] = found;
  if (!first) return { given: false, value: undefined };
  // Tools disagree on the name (Atlas CLI vs Terraform); the same value under both is fine.
  if (second && first.value !== undefined && second.value !== undefined && first.value !== second.value) {
    errors.push(`${first.name} and ${second.name} are both set and differ; set only one`);
    return { given: true, value: undefined };
  }
  return { given: true, value: first.value };
}

function readSecretFile(
  variable: string,
  path: string,
  readFile: (path: string) => string,
  errors: string[],
): string | undefined {
  let content: string;
  try {
    content = readFile(path);
  } catch (err) {
    errors.push(`${variable}: cannot read "${path}" (${errorCode(err)}); check the path and its permissions`);
    return undefined;
  }
  // Secrets mounted from files usually end with a newline; no credential has surrounding whitespace.
  const value = content.trim();
  if (value === '') errors.push(`${variable}: "${path}" is empty; put the value in it`);
  return value === '' ? undefined : value;
}

/** The errno code only: a message could, in a custom reader, quote what it read. */
export function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'unreadable';
}
