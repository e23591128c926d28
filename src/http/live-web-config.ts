import type { Logger } from 'pino';
import { loadWebConfig, type Sources, type WebConfig } from './web-config.js';

/** The web config in force; asked on every connection and every request. */
export interface LiveWebConfig {
  current(): WebConfig;
}

type Read = (path: string) => Buffer;

/** Whether every file still reads as it did (a file that could not be read still cannot). */
function unchanged(sources: Sources, readFile: Read): boolean {
  for (const [path, before] of sources) {
    let now: Buffer | undefined;
    try {
      now = readFile(path);
    } catch {
      now = undefined;
    }
    if (now === undefined || before === undefined ? now !== before : !now.equals(before)) return false;
  }
  return true;
}

/**
 * Like exporter-toolkit, which reads its web config on every request and every handshake:
 * changes to the file or to the files it names take effect on the next connection or request,
 * without a restart. Rereading a few small files costs microseconds; the config is parsed
 * again only when their bytes changed. A changed version that does not load (or that would turn
 * TLS on or off, which needs a new server) is refused with one WARN, and the last good one stays.
 */
export function liveWebConfig(
  path: string,
  first: { config: WebConfig; sources: Sources },
  readFile: Read,
  logger: Logger,
): LiveWebConfig {
  let good = first;
  let refused: Sources | undefined;

  function refuse(sources: Sources, problems: string[]) {
    refused = sources;
    logger.warn({ file: path, problems }, 'refused the changed web config; the last good one stays in force');
  }

  return {
    current() {
      if (unchanged(good.sources, readFile)) {
        refused = undefined;
        return good.config;
      }
      if (refused && unchanged(refused, readFile)) return good.config;
      const next = loadWebConfig(path, readFile);
      if (next.kind === 'error') refuse(next.sources, next.errors);
      else if ((next.config.tls === undefined) !== (good.config.tls === undefined))
        refuse(next.sources, [`--web.config.file ${path}: turning TLS on or off needs a restart`]);
      else {
        good = next;
        refused = undefined;
        logger.info({ file: path }, 'web config reloaded');
      }
      return good.config;
    },
  };
}
