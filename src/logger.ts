import { type DestinationStream, type Logger, pino } from 'pino';
import type { LogFormat, LogLevel } from './config/config.js';

/**
 * Field names that could carry a secret if a caller ever logged a request or credentials object.
 * Our code never logs them; redaction is the second line of defence.
 */
const REDACT = [
  'authorization',
  'Authorization',
  '*.authorization',
  '*.Authorization',
  'headers.authorization',
  '*.headers.authorization',
  'clientSecret',
  'privateKey',
  '*.clientSecret',
  '*.privateKey',
  'access_token',
  '*.access_token',
  'token',
  '*.token',
];

/** Builds the process logger; `destination` is injected so tests can read every line. */
export function createLogger(
  options: { level: LogLevel; format: LogFormat },
  destination: DestinationStream = process.stdout,
): Logger {
  const stream = options.format === 'logfmt' ? logfmtStream(destination) : destination;
  return pino(
    {
      level: options.level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT, censor: '<redacted>' },
    },
    stream,
  );
}

/** pino writes one JSON object per line; logfmt is the same fields as key=value pairs. */
function logfmtStream(destination: DestinationStream): DestinationStream {
  return {
    write(line: string) {
      const record = JSON.parse(line) as Record<string, unknown>;
      destination.write(`${formatLogfmt(record)}\n`);
    },
  };
}

export function formatLogfmt(record: Record<string, unknown>): string {
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined) continue;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    pairs.push(`${key}=${/[\s"=]/.test(text) || text === '' ? JSON.stringify(text) : text}`);
  }
  return pairs.join(' ');
}
