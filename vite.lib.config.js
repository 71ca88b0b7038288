// The library build (`npm run build:lib`): dist/tumble.js, an ES module that defines
// <tumble-sandbox>, with the two engine modules beside it as dist/simd/tumble_wasm_bg.wasm and
// dist/baseline/tumble_wasm_bg.wasm. The demo site builds into dist-site/ (vite.config.js).
//
// The engine finds its .wasm through `new URL(..., import.meta.url)`. In an app build Vite turns
// that into a hashed asset; in library mode it would inline the module as base64 (5 MB of text,
// no streaming compilation). So here the two URLs are rewritten to fixed paths next to the
// library file, and the .wasm files are emitted at exactly those paths.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const FLAVOURS = ['simd', 'baseline'];

/** Points the engine at dist/<flavour>/tumble_wasm_bg.wasm and emits those files. */
function wasmBesideLibrary() {
  return {
    name: 'tumble-wasm-beside-library',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!id.endsWith('/web/src/internal/engine.ts')) return null;
      let out = code;
      for (const flavour of FLAVOURS) {
        const literal = `new URL('../../pkg/${flavour}/tumble_wasm_bg.wasm', import.meta.url)`;
        if (!out.includes(literal)) this.error(`engine.ts no longer contains ${literal}; update vite.lib.config.js`);
        // Not a string literal, so Vite's asset plugin leaves it alone: resolved at run time,
        // relative to wherever tumble.js is served from.
        out = out.replace(literal, `new URL(['.', '${flavour}', 'tumble_wasm_bg.wasm'].join('/'), import.meta.url)`);
      }
      return { code: out, map: null };
    },
    generateBundle() {
      for (const flavour of FLAVOURS) {
        this.emitFile({
          type: 'asset',
          fileName: `${flavour}/tumble_wasm_bg.wasm`,
          source: readFileSync(here(`./web/pkg/${flavour}/tumble_wasm_bg.wasm`)),
        });
      }
    },
  };
}

export default defineConfig({
  root: here('./'),
  publicDir: false,
  // Relative URLs for what the library emits (the trial worker): it may be served from anywhere.
  base: './',
  plugins: [wasmBesideLibrary()],
  // The solver-state trial worker imports the engine glue dynamically: an ES module worker.
  worker: { format: 'es' },
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    target: 'es2022',
    lib: {
      entry: here('./web/src/public/index.ts'),
      formats: ['es'],
      fileName: () => 'tumble.js',
    },
    rollupOptions: {
      output: { chunkFileNames: 'tumble-[name]-[hash].js' },
    },
  },
});
