import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Claris ID sign-ins (SRP) and the example's child process are slow on a busy shared runner.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
