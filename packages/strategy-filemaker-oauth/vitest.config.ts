import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Real HTTP against the mock on a shared 2-core machine: generous on purpose.
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
