import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // One rule (CONTRIBUTING.md, "Where tests live"): a test that imports one package sits beside
    // the module it tests, in that package (src/, simulator/, scripts/); test/ holds only what
    // crosses packages: integration, e2e, chart, and the alerts, dashboards, docs and repository
    // checks that read several of them.
    include: ['src/**/*.test.ts', 'simulator/**/*.test.ts', 'scripts/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
