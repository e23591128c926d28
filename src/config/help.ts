import { CLIENT_ID, CLIENT_SECRET, PRIVATE_KEY_NAMES, PUBLIC_KEY_NAMES } from './credentials.js';
import { envName, FLAGS, type FlagSpec } from './flags.js';

const PROGRAM = 'atlas-backup-exporter';
const WIDTH = 80;
const FLAG_INDENT = '      ';

/** A `simulate` flag as its usage line shows it: the placeholder of its value, none for a switch. */
export interface SimulateFlag {
  readonly name: string;
  readonly value?: string;
}

/**
 * The `--help` text: usage, every flag with its default and variable, credentials, exit codes.
 * The simulator lists its own flags: it is loaded only to run it or to print this.
 */
export function helpText(simulateFlagList: readonly SimulateFlag[]): string {
  const simulateFlags = simulateFlagList.map((f) => `[${[f.name, f.value].filter(Boolean).join(' ')}]`);
  return [
    `Usage: ${PROGRAM} [flags]`,
    ...wrap([`       ${PROGRAM} simulate`, ...simulateFlags], ' '.repeat(9)),
    `       ${PROGRAM} healthcheck [--ready] [--from-pid=PID]`,
    '                             [--timeout=D] [flags]',
    '',
    'Prometheus exporter for MongoDB Atlas backup snapshots.',
    '`simulate` starts the Atlas simulator alone; see `simulate --help`.',
    '`healthcheck` probes /-/healthy (/-/ready with --ready) of the exporter these',
    "flags describe, TLS and basic auth included; the image's HEALTHCHECK runs it.",
    'See `healthcheck --help`.',
    '',
    'Flags (each also read from the environment variable shown; a flag wins over its',
    'variable, and an empty variable counts as unset):',
    ...FLAGS.flatMap(describeFlag),
    '  -h, --help',
    '      Show this help and exit.',
    '  -v, --version',
    '      Show the version and exit.',
    '',
    'Durations are Prometheus-style: 30s, 5m, 1h30m (units ms, s, m, h, d, w, y).',
    'Regular expressions (JavaScript syntax) are anchored, as in Prometheus:',
    "--atlas.cluster-include='prod-.*' must match the whole cluster name.",
    '',
    'Credentials come only from the environment or files, never from flags:',
    `  ${CLIENT_ID}, ${CLIENT_SECRET}`,
    '      A service account (OAuth 2.0 client credentials); recommended.',
    `  ${PUBLIC_KEY_NAMES[0]}, ${PRIVATE_KEY_NAMES[0]}`,
    '      A programmatic API key (HTTP Digest); these names work too:',
    `      ${PUBLIC_KEY_NAMES[1]} / ${PRIVATE_KEY_NAMES[1]}`,
    '  <NAME>_FILE',
    ...wrapText(
      'Path of a file holding the value of <NAME> (Docker and Kubernetes secrets); surrounding whitespace is trimmed.',
    ),
    '',
    'Exit codes:',
    '  0  clean shutdown on SIGTERM or SIGINT',
    '  1  runtime failure (e.g. the port is taken)',
    '  2  bad flags, environment or config, one line per problem on stderr',
    '',
  ].join('\n');
}

function describeFlag(flag: FlagSpec): string[] {
  const usage =
    flag.type === 'boolean' ? `--[no-]${flag.name}` : `--${flag.name}=${flag.placeholder ?? 'VALUE'}`;
  const repeat = flag.type === 'list' ? ' (repeatable)' : '';
  const facts = [`env: ${[envName(flag.name), ...(flag.envAliases ?? [])].join(', ')}`];
  if (flag.default !== undefined) facts.unshift(`default: ${flag.default}`);
  return [`  ${usage}${repeat}`, ...wrapText(flag.help), ...wrapText(facts.join('; '))];
}

/** A paragraph under a flag or variable, broken at spaces. */
function wrapText(text: string): string[] {
  return wrap(
    text.split(' ').map((word, i) => (i === 0 ? `${FLAG_INDENT}${word}` : word)),
    FLAG_INDENT,
  );
}

/** Joins words with spaces into lines of at most WIDTH columns; later lines start with `indent`. */
function wrap(words: readonly string[], indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = `${indent}${word}`;
    } else line = line ? `${line} ${word}` : word;
  }
  return line ? [...lines, line] : lines;
}
