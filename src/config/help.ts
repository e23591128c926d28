import { CLIENT_ID, CLIENT_SECRET, PRIVATE_KEY_NAMES, PUBLIC_KEY_NAMES } from './credentials.js';
import { envName, FLAGS, type FlagSpec } from './flags.js';

const PROGRAM = 'atlas-backup-exporter';

/** The `--help` text: usage, every flag with its default and variable, credentials, exit codes. */
export function helpText(): string {
  const indent = ' '.repeat(`Usage: ${PROGRAM} simulate `.length);
  return [
    `Usage: ${PROGRAM} [flags]`,
    `       ${PROGRAM} simulate [--listen ADDR] [--projects N] [--clusters N] [--snapshots N]`,
    `${indent}[--dedicated N] [--seed N] [--latency D] [--fault-rate F]`,
    `${indent}[--rate-limit N/D]`,
    `       ${PROGRAM} healthcheck [--from-pid=PID] [--timeout=D] [flags]`,
    '',
    'Prometheus exporter for MongoDB Atlas backup snapshots. `simulate` starts the Atlas simulator alone.',
    '`healthcheck` probes /-/healthy of the exporter these flags describe, TLS and basic auth',
    "included (see `healthcheck --help`); the image's HEALTHCHECK runs it.",
    '',
    'Flags (each also read from the environment variable shown; a flag wins over its variable,',
    'and an empty variable counts as unset):',
    ...FLAGS.flatMap(describeFlag),
    '  -h, --help',
    '      Show this help and exit.',
    '  --version',
    '      Show the version and exit.',
    '',
    'Durations are Prometheus-style: 30s, 5m, 1h30m (units ms, s, m, h, d, w, y).',
    "Regular expressions (JavaScript syntax) are anchored: --atlas.cluster-include='prod-.*' must match",
    'the whole cluster name, as in Prometheus.',
    '',
    'Credentials come only from the environment or files, never from flags:',
    `  ${CLIENT_ID}, ${CLIENT_SECRET}`,
    '      A service account (OAuth 2.0 client credentials); recommended.',
    `  ${PUBLIC_KEY_NAMES[0]}, ${PRIVATE_KEY_NAMES[0]}`,
    `      A programmatic API key (HTTP Digest); ${PUBLIC_KEY_NAMES[1]} / ${PRIVATE_KEY_NAMES[1]} work too.`,
    '  <NAME>_FILE',
    '      Path of a file holding the value of <NAME> (Docker and Kubernetes secrets); surrounding',
    '      whitespace is trimmed.',
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
  return [
    `  ${usage}${repeat}`,
    ...wrap(flag.help).map((line) => `      ${line}`),
    `      ${facts.join('; ')}`,
  ];
}

/** Breaks text into lines of at most `width` characters at spaces. */
function wrap(text: string, width = 94): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return line ? [...lines, line] : lines;
}
