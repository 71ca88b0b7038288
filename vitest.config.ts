import { defineConfig } from 'vitest/config';

// Unit tests run in Node against the real wasm in web/pkg (built by `npm run build:wasm`).
export default defineConfig({
  test: {
    environment: 'node',
    include: ['web/**/*.test.ts'],
    exclude: ['web/e2e/**', 'node_modules/**'],
    testTimeout: 60_000,
  },
});
