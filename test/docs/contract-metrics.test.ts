import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { familyNames } from '../../scripts/metrics-reference.js';
import { notBuiltYet } from './not-built.js';

interface ContractFamily {
  readonly name: string;
  /** the flags its row, or the paragraph above its table, says it comes with */
  readonly flags: readonly string[];
}

const flagsIn = (text: string) => [...text.matchAll(/--[a-z]+\.[a-z-]+/g)].map((m) => m[0]);

/** Every family the metric tables of docs/interface.md name, with the flags that switch it. */
function contractFamilies(): ContractFamily[] {
  const contract = readFileSync(new URL('../../docs/interface.md', import.meta.url), 'utf8');
  const section = contract.slice(contract.indexOf('## Metrics'), contract.indexOf('## Command line'));
  let preamble: string[] = [];
  let inTable = false;
  return section.split('\n').flatMap((line) => {
    if (!line.startsWith('|')) {
      if (line.trim() === '') return [];
      if (inTable) preamble = [];
      inTable = false;
      preamble.push(line);
      return [];
    }
    inTable = true;
    const first = line.split('|')[1] ?? '';
    const flags = [...flagsIn(line), ...flagsIn(preamble.join(' '))];
    return [...first.matchAll(/`(mongodbatlas_[a-z_]+)`/g)].map((m) => ({ name: m[1] ?? '', flags }));
  });
}

describe("the contract's metric tables", () => {
  const contract = contractFamilies();
  const built = new Set(familyNames());

  it('name every family the code declares', () => {
    const named = new Set(contract.map((f) => f.name));
    expect(contract.length).toBeGreaterThan(40);
    expect([...built].filter((name) => !named.has(name))).toEqual([]);
  });

  it('name only families that are built, switched by a flag or named in "Not built yet"', () => {
    const listed = notBuiltYet();
    const named = new Set([...listed.matchAll(/`(mongodbatlas_[a-z_]+)`/g)].map((m) => m[1]));
    const unexplained = contract.filter(
      (f) =>
        !built.has(f.name) && !named.has(f.name) && !f.flags.some((flag) => listed.includes(`\`${flag}\``)),
    );
    expect(unexplained.map((f) => f.name)).toEqual([]);
    expect([...named].filter((name) => name !== undefined && built.has(name))).toEqual([]);
  });
});
