import { defineConfig } from 'vitest/config';

// Every test runs the built bin as a child process against a real mock server on loopback; on a shared
// 2-core machine a Cognito SRP sign-in alone can take seconds, so the timeouts are generous.
export default defineConfig({
  test: {
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
