// Records what --version and mongodbatlas_exporter_build_info report of the build: the git
// revision and the build date. REVISION and BUILD_DATE (the image's build args) win, so the
// image's labels and its --version agree.
import { execFileSync } from 'node:child_process';
import { renameSync, writeFileSync } from 'node:fs';

function gitRevision() {
  try {
    return execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], {
      encoding: 'utf8',
      stdio: 'pipe',
    }).trim();
  } catch {
    return 'unknown';
  }
}

const info = {
  revision: process.env.REVISION || gitRevision(),
  date: process.env.BUILD_DATE || new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
};
// Written aside and renamed: a test reading it while `npm run build` runs sees the old or the new
// file, never an empty one.
const target = new URL('../dist/build-info.json', import.meta.url);
const aside = new URL(`../dist/build-info.json.${process.pid}`, import.meta.url);
writeFileSync(aside, `${JSON.stringify(info)}\n`);
renameSync(aside, target);
