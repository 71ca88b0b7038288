// Builds Tumble's two WebAssembly modules and their JS glue into web/pkg/{simd,baseline}/:
//   cargo build (wasm32, release) -> wasm-bindgen --target web -> wasm-opt -O3.
// The SIMD module is built with +simd128 (rapier's 4-wide math becomes real wasm SIMD) in its own
// target dir so the two builds do not evict each other's caches.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args, env = {}) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`build-wasm: \`${cmd} ${args.join(' ')}\` failed`);
    process.exit(r.status ?? 1);
  }
};

// The wasm-bindgen CLI must be exactly the crate's version, or the glue does not fit the module.
const lock = readFileSync(join(root, 'Cargo.lock'), 'utf8');
const wanted = /name = "wasm-bindgen"\nversion = "([^"]+)"/.exec(lock)?.[1];
let have = '';
try {
  have = execFileSync('wasm-bindgen', ['--version'], { encoding: 'utf8' }).trim().split(' ')[1];
} catch {
  // Not installed: reported below.
}
if (have !== wanted) {
  console.error(
    `build-wasm: wasm-bindgen CLI ${have || '(none)'} does not match the wasm-bindgen crate ${wanted}.\n` +
      `Fix: cargo install wasm-bindgen-cli --version =${wanted}   (or run scripts/setup.sh)`,
  );
  process.exit(1);
}

const wasmOpt = join(root, 'node_modules', '.bin', 'wasm-opt');
if (!existsSync(wasmOpt)) {
  console.error('build-wasm: node_modules/.bin/wasm-opt is missing; run `npm ci` (npm binaryen).');
  process.exit(1);
}

// Rust 1.95's wasm32 target emits these features by default; wasm-opt must be told about them.
const features = [
  '--enable-bulk-memory',
  '--enable-nontrapping-float-to-int',
  '--enable-sign-ext',
  '--enable-mutable-globals',
  '--enable-reference-types',
  '--enable-multivalue',
];

const flavours = [
  { name: 'baseline', targetDir: join(root, 'target'), rustflags: '', opt: features },
  {
    name: 'simd',
    targetDir: join(root, 'target', 'wasm-simd'),
    rustflags: '-C target-feature=+simd128',
    opt: [...features, '--enable-simd'],
  },
];

const sizes = [];
for (const f of flavours) {
  console.log(`build-wasm: ${f.name}`);
  const env = { CARGO_TARGET_DIR: f.targetDir, RUSTFLAGS: f.rustflags };
  run('cargo', ['build', '-p', 'tumble-wasm', '--release', '--target', 'wasm32-unknown-unknown'], env);
  const raw = join(f.targetDir, 'wasm32-unknown-unknown', 'release', 'tumble_wasm.wasm');
  const out = join(root, 'web', 'pkg', f.name);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  run('wasm-bindgen', ['--target', 'web', '--remove-name-section', '--remove-producers-section', '--out-dir', out, raw]);
  const bg = join(out, 'tumble_wasm_bg.wasm');
  // The name and DWARF sections are most of the file and nothing at run time needs them.
  run(wasmOpt, ['-O3', '--strip-debug', '--strip-producers', ...f.opt, bg, '-o', bg]);
  const bytes = readFileSync(bg);
  sizes.push({ module: f.name, raw: statSync(bg).size, gzip: gzipSync(bytes, { level: 9 }).length });
}
for (const s of sizes) {
  console.log(
    `build-wasm: ${s.module.padEnd(8)} ${(s.raw / 1024).toFixed(0)} KiB raw, ${(s.gzip / 1024).toFixed(0)} KiB gzip`,
  );
}
