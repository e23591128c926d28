import { existsSync } from 'node:fs';

/**
 * Whether a Prometheus binary is installed. Absent, its tests are skipped with a message on a
 * developer's machine, and fail in CI (`CI` set), where .ci/run installs Debian's prometheus.
 */
export function hasBinary(path: string): boolean {
  if (existsSync(path)) return true;
  if (process.env.CI) throw new Error(`${path} is missing: CI must install Debian's prometheus package`);
  console.warn(`skipped: ${path} is missing (apt-get install prometheus)`);
  return false;
}
