import { readFileSync } from 'node:fs';

/** What --version and mongodbatlas_exporter_build_info say of this build. */
export interface BuildInfo {
  readonly version: string;
  readonly revision: string;
  /** when `npm run build` ran (or the image's CREATED build arg), ISO 8601 in UTC */
  readonly date: string;
}

function readJson(url: URL): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : 'unknown');

/** Version from package.json; revision and date as `npm run build` wrote them (scripts/write-build-info.mjs). */
export function readBuildInfo(): BuildInfo {
  const built = readJson(new URL('./build-info.json', import.meta.url));
  return {
    version: text(readJson(new URL('../package.json', import.meta.url)).version),
    revision: text(built.revision),
    date: text(built.date),
  };
}

/** `--version`, laid out as Prometheus exporters print theirs. */
export function versionText(
  build: BuildInfo,
  runtime: { version: string; platform: string; arch: string },
): string {
  return [
    `atlas-backup-exporter, version ${build.version} (revision: ${build.revision})`,
    `  build date:       ${build.date}`,
    `  node version:     ${runtime.version}`,
    `  platform:         ${runtime.platform}/${runtime.arch}`,
    '',
  ].join('\n');
}
