import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Tests live beside what they test (src/resources/*, simulator/test) or in test/.
    include: ['src/**/*.test.ts', 'simulator/test/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
