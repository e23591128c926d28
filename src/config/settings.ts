import { CREDENTIAL_LIKE, fewEditsAway } from './args.js';
import { ENV_PREFIX, envName, FLAGS, HEALTHCHECK_VARIABLES } from './flags.js';

/** One flag's raw value(s) and where they came from, for error messages. */
export interface Setting {
  /** empty = not set anywhere and no default; one item unless the flag is a list */
  readonly values: readonly string[];
  /** names the flag, and the variable when the value came from one: `ATLAS_EXPORTER_LOG_LEVEL (--log.level)` */
  readonly label: string;
}

export type Env = Record<string, string | undefined>;

/** An empty variable counts as unset, as `FOO=` in a compose file usually means "no value". */
export function envValue(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

/**
 * Resolves every flag with the precedence flag > ATLAS_EXPORTER_ variable > MONGODB_ATLAS_ alias
 * > default. List values are split on commas, trimmed, and empty items dropped.
 */
export function resolveSettings(
  args: ReadonlyMap<string, readonly string[]>,
  env: Env,
): ReadonlyMap<string, Setting> {
  const settings = new Map<string, Setting>();
  for (const flag of FLAGS) {
    const flagLabel = `--${flag.name}`;
    const split = (raw: readonly string[]) => (flag.type === 'list' ? splitList(raw) : raw);
    const fromArgs = args.get(flag.name);
    if (fromArgs) {
      settings.set(flag.name, { values: split(fromArgs), label: flagLabel });
      continue;
    }
    const aliases = flag.envAliases ?? [];
    const variable = [envName(flag.name), ...aliases].find((name) => envValue(env, name) !== undefined);
    if (variable) {
      settings.set(flag.name, {
        values: split([envValue(env, variable) ?? '']),
        label: `${variable} (${flagLabel})`,
      });
      continue;
    }
    const fallback = flag.default;
    settings.set(flag.name, { values: fallback === undefined ? [] : [fallback], label: flagLabel });
  }
  return settings;
}

function splitList(raw: readonly string[]): string[] {
  return raw
    .flatMap((item) => item.split(','))
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/**
 * One line per ATLAS_EXPORTER_ variable that names no flag (a typo would otherwise be ignored
 * without a word), with the variable most likely meant, as unknown flags get. Values are never
 * shown: a misnamed secret stays secret.
 */
export function unknownVariables(env: Env): string[] {
  const known = new Map<string, string>(FLAGS.map((f) => [envName(f.name), f.name]));
  const tails = [...known.keys()].map((name) => name.slice(ENV_PREFIX.length));
  const lines: string[] = [];
  for (const variable of Object.keys(env).sort()) {
    if (!variable.startsWith(ENV_PREFIX) || known.has(variable) || HEALTHCHECK_VARIABLES.includes(variable))
      continue;
    const start = `${variable}: no flag reads it, ignored`;
    if (CREDENTIAL_LIKE.test(variable.replaceAll('_', '-'))) {
      lines.push(`${start}: credentials are read from MONGODB_ATLAS_* variables only; see --help`);
      continue;
    }
    const rest = variable.slice(ENV_PREFIX.length);
    const tail = tails.find((t) => t.endsWith(`_${rest}`)) ?? fewEditsAway(rest, tails);
    const guess = `${ENV_PREFIX}${tail}`;
    lines.push(tail ? `${start}; did you mean ${guess} (--${known.get(guess)})?` : `${start}; see --help`);
  }
  return lines;
}
