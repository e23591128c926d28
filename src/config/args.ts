import { COLLECTOR_PREFIX, FLAGS, flagSpec } from './flags.js';

/** The command line split into raw values per flag; nothing is validated yet. */
export interface ParsedArgs {
  readonly values: ReadonlyMap<string, readonly string[]>;
  readonly help: boolean;
  readonly version: boolean;
  readonly errors: readonly string[];
}

// Names that look like someone trying to pass a credential as a flag.
export const CREDENTIAL_LIKE = /secret|private|password|token|client-id|public|api-key|credential/i;

/**
 * Splits argv into flag values: `--x=v`, `--x v`, and for booleans `--x`, `--x=false`, `--no-x`.
 * Error messages name flags, never values, so a secret typed by mistake is not echoed.
 */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const values = new Map<string, string[]>();
  const errors: string[] = [];
  let help = false;
  let version = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '-h' || arg === '--help') {
      help = true;
      continue;
    }
    if (arg === '-v' || arg === '--version') {
      version = true;
      continue;
    }
    if (!arg.startsWith('-') || arg === '-' || arg === '--') {
      errors.push(`unexpected argument "${arg}": flags start with --; see --help`);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = (eq === -1 ? arg : arg.slice(0, eq)).replace(/^--?/, '');
    const inline = eq === -1 ? undefined : arg.slice(eq + 1);
    const negated =
      inline === undefined && name.startsWith('no-') && flagSpec(name.slice(3))?.type === 'boolean';
    const spec = flagSpec(negated ? name.slice(3) : name);
    if (!spec || !arg.startsWith('--')) {
      // Go's flag package takes `-name`; ours is a typo of the flag it names.
      errors.push(spec ? `-${name}: flags take two dashes; use --${name}` : unknownFlag(name));
      // The next word is probably this flag's value (maybe a secret): skip it rather than echo it.
      if (inline === undefined && argv[i + 1] !== undefined && !argv[i + 1]?.startsWith('-')) i++;
      continue;
    }
    let value = inline;
    if (spec.type === 'boolean') value ??= negated ? 'false' : 'true';
    else if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) {
        errors.push(`--${spec.name} needs a value, e.g. --${spec.name}=${spec.placeholder ?? 'VALUE'}`);
        continue;
      }
      value = next;
      i++;
    }
    const seen = values.get(spec.name);
    if (seen && spec.type !== 'list') {
      errors.push(`--${spec.name} is given more than once; give it once`);
      continue;
    }
    values.set(spec.name, [...(seen ?? []), value]);
  }
  return { values, help, version, errors };
}

function unknownFlag(name: string): string {
  if (CREDENTIAL_LIKE.test(name)) {
    return `unknown flag --${name}: credentials are read only from the environment or files (MONGODB_ATLAS_CLIENT_ID, MONGODB_ATLAS_CLIENT_SECRET, ... and their _FILE forms); see --help`;
  }
  const guess = closestFlag(name);
  if (guess) return `unknown flag --${name}; did you mean --${guess}?`;
  // As kube-state-metrics names its resources: what the registry has, not just "see --help".
  if (name.startsWith(COLLECTOR_PREFIX)) {
    const known = FLAGS.filter((f) => f.name.startsWith(COLLECTOR_PREFIX)).map((f) => `--${f.name}`);
    return `unknown flag --${name}: no such collector flag; there are ${known.join(', ')}`;
  }
  return `unknown flag --${name}; see --help`;
}

/** The known flag a typo most likely meant: a suffix match (`--cache-ttl`) or a few edits away. */
export function closestFlag(name: string): string | undefined {
  const names = FLAGS.map((f) => f.name);
  return names.find((known) => known.endsWith(`.${name}`)) ?? fewEditsAway(name, names);
}

/** The candidate fewest edits away from `name`, if that is only a few. */
export function fewEditsAway(name: string, candidates: readonly string[]): string | undefined {
  // Short names get fewer edits, or `--foo` would suggest `--demo`.
  const limit = Math.min(3, Math.floor(name.length / 3));
  let best: { name: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(name, candidate);
    if (distance <= limit && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
