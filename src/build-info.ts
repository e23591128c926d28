import { readFileSync } from 'node:fs';

function readOptional(url: URL): string | undefined {
  try {
    return readFileSync(url, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Version from package.json; revision as written by `npm run build` (scripts/write-revision.mjs). */
export function readBuildInfo(): { version: string; revision: string } {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return {
    version: pkg.version,
    revision: readOptional(new URL('./revision.txt', import.meta.url)) ?? 'unknown',
  };
}
