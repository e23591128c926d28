import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedFiles } from '../../scripts/mixin/generate.js';

const ROOT = new URL('../../', import.meta.url);

// `npm run mixin` sets UPDATE_MIXIN to rewrite the files; otherwise the committed ones must match.
describe('generated dashboards and alerts', () => {
  for (const [path, content] of Object.entries(generatedFiles())) {
    it(`${path} is what scripts/mixin generates`, () => {
      const file = new URL(path, ROOT);
      if (process.env.UPDATE_MIXIN) writeFileSync(file, content);
      expect(readFileSync(file, 'utf8'), 'run `npm run mixin` and commit the result').toBe(content);
    });
  }
});
