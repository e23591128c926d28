import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { envName, FLAGS, HEALTHCHECK_VARIABLES } from '../../src/config/flags.js';
import { SUPPORTED_CLUSTER_KINDS } from '../../src/config/kinds.js';
import { notBuiltYet } from './not-built.js';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

describe('the docs say what is built', () => {
  it('lists every contract flag the exporter does not take yet as not built', () => {
    const contract = read('docs/interface.md');
    const table = contract.slice(contract.indexOf('## Command line'), contract.indexOf('Credentials come'));
    const rows = table.split('\n').filter((line) => line.startsWith('| `--'));
    const named = rows.flatMap((row) => [...(row.split('|')[1] ?? '').matchAll(/--([a-z][a-z.-]*)/g)]);
    const built = new Set<string>([...FLAGS.map((f) => f.name), 'version', 'help']);
    const missing = named.map((m) => m[1] ?? '').filter((name) => !built.has(name));
    expect(named.length).toBeGreaterThan(20);
    for (const name of missing) expect(notBuiltYet()).toContain(`--${name}`);
  });

  it('lists the contract files that do not exist yet as not built', () => {
    for (const dir of ['charts/atlas-backup-exporter/', 'examples/compose/']) {
      if (!existsSync(new URL(dir, root))) expect(notBuiltYet()).toContain(dir);
    }
  });

  it('names every cluster kind in the package description', () => {
    const { description } = JSON.parse(read('package.json')) as { description: string };
    for (const kind of SUPPORTED_CLUSTER_KINDS) expect(description.toLowerCase()).toContain(kind);
  });

  it('never suggests excluding a project with --atlas.project-id, an allow-list', () => {
    for (const file of ['docs/runbook.md', 'README.md']) {
      expect(read(file)).not.toMatch(/exclude[^.]*--atlas\.project-id/i);
    }
  });
});

describe('the docs an operator reads', () => {
  const configuration = read('docs/configuration.md');

  it('documents every flag and its variables in docs/configuration.md', () => {
    for (const flag of FLAGS) {
      expect(configuration, `--${flag.name}`).toContain(`\`--${flag.name}\``);
      const aliases = flag.envAliases ?? [];
      for (const variable of [envName(flag.name), ...aliases]) expect(configuration).toContain(variable);
    }
    for (const variable of HEALTHCHECK_VARIABLES) expect(configuration).toContain(variable);
  });

  it('documents every flag of the contract, built or not', () => {
    const contract = read('docs/interface.md');
    const table = contract.slice(contract.indexOf('## Command line'), contract.indexOf('Credentials come'));
    const rows = table.split('\n').filter((line) => line.startsWith('| `--'));
    const flags = rows.flatMap((row) =>
      [...(row.split('|')[1] ?? '').matchAll(/--[a-z][a-z.-]*/g)].map(String),
    );
    expect(flags.length).toBeGreaterThan(20);
    for (const flag of flags) expect(configuration).toContain(`\`${flag}\``);
  });

  it('links every docs/*.md file from the README', () => {
    const readme = read('README.md');
    const docs = readdirSync(new URL('docs/', root)).filter((f) => f.endsWith('.md'));
    expect(docs.length).toBeGreaterThan(5);
    for (const file of docs) expect(readme).toContain(`](docs/${file})`);
  });

  it('keeps the README short and the issue tracker out of the docs', () => {
    const readme = read('README.md');
    expect(readme.split('\n').length).toBeLessThan(200);
    const docs = readdirSync(new URL('docs/', root)).map((f) => `docs/${f}`);
    for (const file of ['README.md', 'bench/README.md', ...docs]) {
      expect(read(file), file).not.toMatch(/\bissues? #?\d+|\(#\d+\)/i);
    }
  });
});

/** The Prometheus job every example scrapes the exporter as, and the alert selector examples use. */
const JOB = 'atlas-backup';
/** Where a scrape job or a job selector is written down for users. */
const JOB_FILES = [
  'examples/compose/prometheus.yml',
  'examples/compose/README.md',
  'README.md',
  'docs/alerting.md',
  'docs/runbook.md',
  'scripts/mixin/config.ts',
  '.ci/image.sh',
];

describe('the docs agree with each other', () => {
  it(`names the scrape job ${JOB} everywhere`, () => {
    const named = JOB_FILES.flatMap((file) =>
      [...read(file).matchAll(/job_name: *"?([\w-]+)|job="([\w-]+)"/g)].map((m) => [file, m[1] ?? m[2]]),
    );
    expect(named.length).toBeGreaterThan(2);
    for (const [file, job] of named) expect(job, file).toBe(JOB);
  });

  it('starts the compose stack with the command the README gives', () => {
    const command = (text: string) => [...text.matchAll(/docker compose up[^\n`]*/g)].map((m) => m[0].trim());
    const [readme] = command(read('README.md'));
    expect(readme).toBe('docker compose up');
    expect(new Set(command(read('examples/compose/README.md')))).toEqual(new Set([readme]));
  });
});
