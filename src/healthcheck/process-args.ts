import { readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';

const SUBCOMMANDS = ['simulate', 'healthcheck'];

function samePath(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/**
 * The exporter flags that process `pid` was started with: what follows `script` on its command
 * line (`node [node options] script [flags]`, also behind `docker-init --` or tini). A container's
 * HEALTHCHECK runs beside its process 1 and is told none of its arguments; this is how it finds
 * them. Linux only (/proc).
 */
export function exporterArgsOf(pid: number, script: string): { args: string[] } | { problem: string } {
  let argv: string[];
  let cwd: string;
  try {
    argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(0, -1);
    cwd = readlinkSync(`/proc/${pid}/cwd`);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    return { problem: `--from-pid: cannot read the command line of process ${pid} (${code})` };
  }
  const at = argv.findIndex((arg) => samePath(resolve(cwd, arg), script));
  const args = argv.slice(at + 1);
  if (at < 0 || SUBCOMMANDS.includes(args[0] ?? '')) {
    return { problem: `--from-pid: process ${pid} is not the exporter ${script}` };
  }
  return { args };
}
