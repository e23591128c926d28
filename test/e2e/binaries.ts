import { existsSync } from 'node:fs';

/**
 * Whether a binary from a Debian package is installed. Absent, its tests are skipped with a
 * message on a developer's machine, and fail in CI (`CI` set), where .ci/run installs it.
 */
export function hasBinary(path: string, debianPackage = 'prometheus'): boolean {
  if (existsSync(path)) return true;
  if (process.env.CI)
    throw new Error(`${path} is missing: CI must install Debian's ${debianPackage} package`);
  console.warn(`skipped: ${path} is missing (apt-get install ${debianPackage})`);
  return false;
}
