import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Real HTTP against the mock and, for FileMaker Cloud, the AWS SDK loaded on first use: on a loaded
    // 2-core CI machine a first test can take several seconds. Timings are measured in benchmarks, not here.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
