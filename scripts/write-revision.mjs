// Records the git revision for mongodbatlas_exporter_build_info; REVISION (e.g. a Docker build arg) wins.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

let revision = process.env.REVISION ?? '';
if (!revision) {
  try {
    revision = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    revision = 'unknown';
  }
}
writeFileSync(new URL('../dist/revision.txt', import.meta.url), `${revision}\n`);
