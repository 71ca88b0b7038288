import { defineConfig } from 'vitest/config';

// End-to-end tests: the production demo build (dist-site/, rebuilt when stale) served by
// `vite preview`, driven in headless Chromium through playwright-core.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['web/e2e/**/*.test.ts'],
    globalSetup: ['web/e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
