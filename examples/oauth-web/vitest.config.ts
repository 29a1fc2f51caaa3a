import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Most tests start real Node processes and a redis-server; a loaded 2-core CI machine is slow at that.
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
