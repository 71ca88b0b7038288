// The browser benchmark page (web/bench), built into dist-bench/ by `npm run bench`
// (scripts/bench.mjs), which serves it with the cross-origin isolation headers itself.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('./web/bench'),
  base: './',
  logLevel: 'warn',
  build: {
    outDir: here('./dist-bench'),
    emptyOutDir: true,
    target: 'es2022',
    // rapier2d-compat inlines its wasm as base64: a large chunk is expected.
    chunkSizeWarningLimit: 4096,
  },
});
