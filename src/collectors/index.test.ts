import { describe, expect, it } from 'vitest';
import { FLAGS } from '../config/flags.js';
import { SUPPORTED_CLUSTER_KINDS } from '../config/kinds.js';
import { CLUSTER_FAMILIES, PROJECT_FAMILIES } from '../metrics/catalog.js';
import { collectorFlags, defineCollector, enabledCollectors } from './collector.js';
import { COLLECTORS, ORG_COLLECTORS, PROJECT_COLLECTORS } from './index.js';

const familyNames = (c: (typeof COLLECTORS)[number] | (typeof PROJECT_COLLECTORS)[number]) => [
  ...c.families.map((f) => f.name),
  ...(c.success ? [c.success.name] : []),
  ...('age' in c && c.age ? [c.age.name] : []),
];

describe('the collector registry', () => {
  it('names each collector once, in kebab-case', () => {
    const names = [...COLLECTORS, ...PROJECT_COLLECTORS, ...ORG_COLLECTORS].map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it('gives every family one owner: no two collectors, nor a collector and the catalogue, share a name', () => {
    const all = [
      ...[...PROJECT_FAMILIES, ...CLUSTER_FAMILIES].map((f) => f.name),
      ...COLLECTORS.flatMap(familyNames),
      ...PROJECT_COLLECTORS.flatMap(familyNames),
      ...ORG_COLLECTORS.flatMap((c) => [...c.projectFamilies, ...c.families, c.success].map((f) => f.name)),
    ];
    expect(new Set(all).size).toBe(all.length);
    for (const name of [...COLLECTORS, ...PROJECT_COLLECTORS].flatMap(familyNames))
      expect(name).toMatch(/^mongodbatlas_backup_[a-z_]+$/);
  });

  it('names the role of every kind whose list needs one', () => {
    for (const c of COLLECTORS.filter((c) => c.role)) {
      const kinds = SUPPORTED_CLUSTER_KINDS.filter((k) => c.endpoints[k]);
      expect(kinds.every((k) => c.role?.[k])).toBe(true);
    }
  });

  it('makes every collector flag a boolean --collector.<name> of the command line, in registry order', () => {
    const generated = collectorFlags([...COLLECTORS, ...PROJECT_COLLECTORS, ...ORG_COLLECTORS]).map(
      (f) => `collector.${f.name}`,
    );
    expect(new Set(generated).size).toBe(generated.length);
    const declared = FLAGS.map((f) => f.name).filter((n) => generated.includes(n));
    expect(declared).toEqual(generated);
    for (const name of generated) expect(FLAGS.find((f) => f.name === name)?.type).toBe('boolean');
  });

  it('switches on a collector with a switch only when its flag says so, one without always', () => {
    const base = { noun: 'x', failure: 'x', endpoints: {}, families: [], success: { name: 'x', help: 'x' } };
    const always = defineCollector({
      ...base,
      name: 'always',
      applies: () => true,
      mustRead: () => true,
      read: async () => 1,
    });
    const switched = defineCollector({
      ...always,
      name: 'switched',
      flag: { name: 'switched', help: 'x', default: false },
    });
    expect(enabledCollectors([always, switched], {}).map((c) => c.name)).toEqual(['always']);
    expect(enabledCollectors([always, switched], { switched: true }).map((c) => c.name)).toEqual([
      'always',
      'switched',
    ]);
    // a collector sharing another's switch: one flag, both switched by it
    const sharing = defineCollector({ ...switched, name: 'sharing' });
    expect(collectorFlags([switched, sharing]).map((f) => f.name)).toEqual(['switched']);
    expect(enabledCollectors([switched, sharing], { switched: true })).toHaveLength(2);
  });
});
