import { defineConfig } from 'vitest/config';

// End-to-end tests drive the built app in Chromium; scripts/e2e.mjs builds and serves it first.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/e2e/**/*.test.ts'],
    testTimeout: 90000,
    hookTimeout: 90000,
    fileParallelism: false,
  },
});
