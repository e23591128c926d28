import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Every TypeScript source under a folder, tests left out. */
function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => normalize(join(dir, f)));
}

/** The relative imports of a file (type-only ones too: a circle of types is still a circle). */
function imports(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/^(?:import|export)\s[^;]*?\sfrom\s'(\.[^']+)';/gms)].map((m) =>
    normalize(join(dirname(file), (m[1] ?? '').replace(/\.js$/, '.ts'))),
  );
}

/** One circle per strongly connected part, as the files it passes through. */
function circles(files: readonly string[]): string[][] {
  const graph = new Map(files.map((f) => [f, imports(f).filter((i) => files.includes(i))]));
  const found: string[][] = [];
  const done = new Set<string>();
  const visit = (file: string, path: string[]): void => {
    const at = path.indexOf(file);
    if (at !== -1) {
      found.push(path.slice(at));
      return;
    }
    if (done.has(file)) return;
    for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
    done.add(file);
  };
  for (const file of files) visit(file, []);
  return found.map((c) => c.map((f) => relative('.', f)));
}

describe('imports', () => {
  it.each(['src', 'bench'])('%s has no import circle', (dir) => {
    const files = [...sources('src'), ...(dir === 'bench' ? sources('bench') : [])];
    expect(circles(files)).toEqual([]);
  });
});
