// The library build behind `npm run build:lib`, after the wasm build: Vite library mode writes
// dist/tumble.js (+ chunks) and dist/{simd,baseline}/tumble_wasm_bg.wasm, tsc writes the type
// declarations to dist/types/, and the sizes (raw and gzip) are printed.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const say = (text) => console.log(`build-lib: ${text}`);

await build({ configFile: join(root, 'vite.lib.config.js'), logLevel: 'warn' });

const tsc = spawnSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.lib.json'], { cwd: root, stdio: 'inherit' });
if (tsc.status !== 0) {
  console.error('build-lib: tsc -p tsconfig.lib.json failed');
  process.exit(1);
}
// The engine's declarations import the wasm-bindgen glue's types by relative path.
for (const flavour of ['simd', 'baseline']) {
  const to = join(dist, 'types', 'pkg', flavour);
  mkdirSync(to, { recursive: true });
  copyFileSync(join(root, 'web', 'pkg', flavour, 'tumble_wasm.d.ts'), join(to, 'tumble_wasm.d.ts'));
}

/** Every file under `dir`. */
function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const shipped = files(dist).filter((path) => /\.(js|wasm)$/.test(path));
let raw = 0;
let gzip = 0;
for (const path of shipped) {
  const bytes = readFileSync(path);
  const zipped = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gzip += zipped;
  say(`${relative(root, path).padEnd(42)} ${(bytes.length / 1024).toFixed(0).padStart(6)} KiB  gzip ${(zipped / 1024).toFixed(0).padStart(5)} KiB`);
}
say(`dist/ JS + wasm: ${(raw / 1024).toFixed(0)} KiB, gzip ${(gzip / 1024).toFixed(0)} KiB (a browser fetches the JS and one of the two .wasm files)`);
