import { existsSync } from 'node:fs';

/**
 * Whether a binary the tests run is installed. Absent, its tests are skipped with a message on a
 * developer's machine, and fail in CI (`CI` set), where .ci/ installs it (by default Debian's
 * prometheus package, which brings promtool and prometheus).
 */
export function hasBinary(path: string, install = 'apt-get install prometheus'): boolean {
  if (existsSync(path)) return true;
  if (process.env.CI) throw new Error(`${path} is missing: CI must install it (${install})`);
  console.warn(`skipped: ${path} is missing (${install})`);
  return false;
}
