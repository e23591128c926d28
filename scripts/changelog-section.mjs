// Prints one version's section of CHANGELOG.md, without its heading: the text of that version's
// GitHub release (.github/workflows/release.yml).
//   node scripts/changelog-section.mjs VERSION [CHANGELOG]   (VERSION as 0.2.0 or v0.2.0)
// Exits 1 when the changelog has no such section or it is empty, so a release cannot go out
// without its notes.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const [tag, file = fileURLToPath(new URL('../CHANGELOG.md', import.meta.url))] = process.argv.slice(2);
if (!tag) {
  process.stderr.write('usage: node scripts/changelog-section.mjs VERSION [CHANGELOG]\n');
  process.exit(2);
}
const version = tag.replace(/^v/, '');
const lines = readFileSync(file, 'utf8').split('\n');
// Keep a Changelog: "## [0.2.0] - 2026-12-24"; the link definitions at the end close the last one.
const start = lines.findIndex((line) => line.startsWith(`## [${version}]`));
const rest = lines.slice(start + 1);
const end = rest.findIndex((line) => line.startsWith('## ') || /^\[[^\]]+\]: /.test(line));
const body = (end === -1 ? rest : rest.slice(0, end)).join('\n').trim();
if (start === -1 || body === '') {
  process.stderr.write(`${file} has no section for ${version}, or it is empty\n`);
  process.exit(1);
}
process.stdout.write(`${body}\n`);
