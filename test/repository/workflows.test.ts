import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const WORKFLOWS = new URL('../../.github/workflows/', import.meta.url);

// owner/repo[/path]@<full commit SHA> # v1.2.3: a tag can be moved to other code, a commit cannot;
// the comment says which release the commit is, for the reader and for update bots.
const PINNED = /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}\s+#\s*v\d+(\.\d+)*$/;

/** What keeps a workflow from being least-privilege and pinned; empty when nothing does. */
function workflowProblems(text: string): string[] {
  const problems: string[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    const uses = /^\s*(?:-\s*)?uses:\s*["']?([^"'\s]+)["']?(.*)$/.exec(line);
    if (!uses || uses[1]?.startsWith('./')) continue;
    if (!PINNED.test(`${uses[1]} ${uses[2]?.trim()}`))
      problems.push(
        `line ${i + 1}: ${uses[1]} is not pinned to a full commit SHA with its version in a comment`,
      );
  }
  const workflow = parse(text) as { permissions?: unknown; jobs?: Record<string, { permissions?: unknown }> };
  // Writes belong to the jobs that need them, never to the whole workflow.
  const top = workflow.permissions;
  if (typeof top !== 'object' || top === null) problems.push('the workflow declares no permissions map');
  else if (Object.values(top).some((level) => level === 'write'))
    problems.push('the workflow grants a write permission to every job');
  for (const [name, job] of Object.entries(workflow.jobs ?? {})) {
    if (typeof job.permissions !== 'object' || job.permissions === null)
      problems.push(`job ${name} declares no permissions map`);
  }
  return problems;
}

describe('the GitHub workflows', () => {
  const files = readdirSync(WORKFLOWS).filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'));

  it('are the CI and the release', () => {
    expect(files.sort()).toEqual(['ci.yml', 'release.yml']);
  });

  it.each(files)('%s pins every action to a commit and declares least-privilege permissions', (file) => {
    expect(workflowProblems(readFileSync(new URL(file, WORKFLOWS), 'utf8'))).toEqual([]);
  });

  it('catches a tag-pinned action, a bare SHA, broad permissions and a job without any', () => {
    const problems = workflowProblems(`
on: push
permissions: write-all
jobs:
  a:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v7
      - uses: docker/login-action@4907a6ddec9925e35a0a9e82d7399ccc52663121
      - uses: docker/setup-qemu-action@96fe6ef # v4.2.0
      - uses: ./local-action
  b:
    permissions:
      contents: read
    uses: owner/repo/.github/workflows/reusable.yml@main
`);
    expect(problems).toEqual([
      'line 8: actions/checkout@v7 is not pinned to a full commit SHA with its version in a comment',
      'line 9: docker/login-action@4907a6ddec9925e35a0a9e82d7399ccc52663121 is not pinned to a full commit SHA with its version in a comment',
      'line 10: docker/setup-qemu-action@96fe6ef is not pinned to a full commit SHA with its version in a comment',
      'line 15: owner/repo/.github/workflows/reusable.yml@main is not pinned to a full commit SHA with its version in a comment',
      'the workflow declares no permissions map',
      'job a declares no permissions map',
    ]);
    expect(workflowProblems('on: push\npermissions:\n  contents: write\njobs: {}\n')).toEqual([
      'the workflow grants a write permission to every job',
    ]);
  });
});
