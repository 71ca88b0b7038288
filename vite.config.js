// The demo site: index.html at the root, built into dist-site/ (the library build uses dist/).
// The engine glue in web/pkg/{simd,baseline}/ loads its .wasm with
// `new URL('tumble_wasm_bg.wasm', import.meta.url)`, which Vite copies into the build as an
// asset; the build fails below if either module is missing from the output.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { STRICT_CSP } from './scripts/static-server.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/** Fails the build when the two engine modules did not make it into the bundle. */
function requireWasmAssets() {
  return {
    name: 'tumble-require-wasm-assets',
    apply: 'build',
    generateBundle(_, bundle) {
      const wasm = Object.keys(bundle).filter((name) => name.endsWith('.wasm'));
      if (wasm.length < 2) {
        this.error(`expected the SIMD and baseline engine modules in the bundle, found: ${wasm.join(', ') || 'none'}`);
      }
    },
  };
}

export default defineConfig({
  root: here('./'),
  base: './',
  server: { host: '127.0.0.1' },
  // The built demo is served the way a careful site would: a strict Content-Security-Policy (its
  // own scripts and wasm compilation, nothing inline), so the e2e suite runs under it.
  preview: { host: '127.0.0.1', headers: { 'Content-Security-Policy': STRICT_CSP } },
  plugins: [requireWasmAssets()],
  // The solver-state trial worker imports the engine glue dynamically: an ES module worker.
  worker: { format: 'es' },
  build: {
    outDir: here('./dist-site'),
    emptyOutDir: true,
    target: 'es2022',
    // The .wasm must stay a separate file (streaming compilation), never a data: URL.
    assetsInlineLimit: (file) => (file.endsWith('.wasm') ? false : undefined),
  },
});
