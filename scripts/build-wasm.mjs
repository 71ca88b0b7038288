// Builds Tumble's two WebAssembly modules and their JS glue into web/pkg/{baseline,simd}/:
//   cargo build (wasm32, release, LTO) -> wasm-bindgen --target web.
// No wasm-opt pass: measured on this project, `wasm-opt -O3` left steady-state step times
// unchanged (V8 with --no-liftoff: pyramid 20 0.204 vs 0.210 ms), made the gzip'd module bigger
// (1599 KiB against 1484 KiB; -Os and -Oz likewise), and its inlining builds larger functions that
// V8 takes longer to tier up, so the first seconds ran slower (pyramid 20 at 0.39 ms vs 0.24 ms
// after 60 steps). It also cost minutes per build.
// The SIMD module is built with +simd128 (rapier's 4-wide math becomes real wasm SIMD) in its own
// target dir, so the two builds do not evict each other's caches. A module whose cargo output,
// tools and flags are unchanged is not processed again. Usage: node scripts/build-wasm.mjs
//
// TUMBLE_WASM_FEATURES=debug-panic adds tumble-wasm's test-only features (the test command sets it:
// `Sandbox.debugPanic()` lets the browser tests check that a panic shows as a failed state).
// Release builds for people (`npm run build`, `npm run build:lib`) leave it unset.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TARGET = 'wasm32-unknown-unknown';
const say = (text) => console.log(`build-wasm: ${text}`);

function fail(text) {
  console.error(`build-wasm: ${text}`);
  process.exit(1);
}

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.error) fail(`could not run ${cmd}: ${r.error.message}`);
  if (r.status !== 0) fail(`\`${cmd} ${args.join(' ')}\` failed (exit ${r.status})`);
}

function output(cmd, args) {
  try {
    return execFileSync(cmd, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

// 1. The wasm32 target.
const installed = output('rustup', ['target', 'list', '--installed']);
if (installed === null) {
  say(`rustup not found; assuming the ${TARGET} target is installed`);
} else if (!installed.split('\n').includes(TARGET)) {
  say(`adding the ${TARGET} target (rustup target add ${TARGET})`);
  run('rustup', ['target', 'add', TARGET]);
}

// 2. The wasm-bindgen CLI must be exactly the crate's version, or the glue does not fit the module.
const lock = readFileSync(join(root, 'Cargo.lock'), 'utf8');
const wanted = /name = "wasm-bindgen"\nversion = "([^"]+)"/.exec(lock)?.[1];
if (!wanted) fail('Cargo.lock has no wasm-bindgen entry; run `cargo generate-lockfile` first');
const bindgenVersion = () => output('wasm-bindgen', ['--version'])?.split(' ')[1] ?? null;
const have = bindgenVersion();
if (have !== wanted) {
  say(`wasm-bindgen CLI ${have ?? '(not installed)'} does not match the wasm-bindgen crate ${wanted}`);
  say(`installing it: cargo install wasm-bindgen-cli --version =${wanted}   (about 90 s)`);
  // Not --locked: the CLI's own lock file pins crates that no longer build with current Rust.
  const r = spawnSync('cargo', ['install', 'wasm-bindgen-cli', '--version', `=${wanted}`], { stdio: 'inherit' });
  if (r.status !== 0 || bindgenVersion() !== wanted) {
    fail(
      `could not install wasm-bindgen-cli ${wanted}. Fix by hand:\n` +
        `  cargo install wasm-bindgen-cli --version =${wanted}\n` +
        `and make sure ~/.cargo/bin comes first on PATH (\`wasm-bindgen --version\` must print ${wanted}).`,
    );
  }
}

// --experimental-reset-state-function: `__wbg_reset_state()` re-instantiates the module, which is
// how the engine comes back after a trap (loadEngine({ fresh: true }) in web/src/internal/engine.ts).
// --omit-default-module-path: engine.ts names the .wasm itself, so bundlers see one reference.
const BINDGEN_ARGS = [
  '--target',
  'web',
  '--experimental-reset-state-function',
  '--omit-default-module-path',
  '--remove-name-section',
  '--remove-producers-section',
];

const features = (process.env.TUMBLE_WASM_FEATURES ?? '').trim();
// Builds with extra features get target dirs of their own, so switching between the test build
// and the normal one reuses both caches instead of rebuilding.
const variant = features ? `-${features.replace(/[^a-z0-9]+/gi, '-')}` : '';
const flavours = [
  { name: 'baseline', targetDir: variant ? join(root, 'target', `wasm${variant}`) : join(root, 'target'), rustflags: '' },
  { name: 'simd', targetDir: join(root, 'target', `wasm-simd${variant}`), rustflags: '-C target-feature=+simd128' },
];

const cargoArgs = ['build', '-p', 'tumble-wasm', '--release', '--target', TARGET, ...(features ? ['--features', features] : [])];

const sizes = [];
for (const f of flavours) {
  say(`${f.name}: cargo ${cargoArgs.join(' ')}${f.rustflags ? ` (RUSTFLAGS=${f.rustflags})` : ''}`);
  run('cargo', cargoArgs, {
    CARGO_TARGET_DIR: f.targetDir,
    RUSTFLAGS: f.rustflags,
  });
  const raw = join(f.targetDir, TARGET, 'release', 'tumble_wasm.wasm');
  const out = join(root, 'web', 'pkg', f.name);
  const bg = join(out, 'tumble_wasm_bg.wasm');
  const stampFile = join(out, '.build-stamp');
  const stamp = JSON.stringify({
    input: createHash('sha256').update(readFileSync(raw)).digest('hex'),
    wasmBindgen: wanted,
    bindgenArgs: BINDGEN_ARGS,
  });
  const upToDate =
    existsSync(stampFile) &&
    readFileSync(stampFile, 'utf8') === stamp &&
    ['tumble_wasm.js', 'tumble_wasm.d.ts', 'tumble_wasm_bg.wasm'].every((file) => existsSync(join(out, file)));
  if (upToDate) {
    say(`${f.name}: ${relative(root, out)} is up to date`);
  } else {
    // Build beside the output and swap it in at the end, so nothing ever sees a half-built pkg.
    const tmp = `${out}.tmp`;
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    say(`${f.name}: wasm-bindgen ${BINDGEN_ARGS.join(' ')}`);
    run('wasm-bindgen', [...BINDGEN_ARGS, '--out-dir', tmp, raw]);
    writeFileSync(join(tmp, '.build-stamp'), stamp);
    rmSync(out, { recursive: true, force: true });
    renameSync(tmp, out);
  }
  const bytes = readFileSync(bg);
  sizes.push({ name: f.name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
}

const kib = (n) => `${(n / 1024).toFixed(0)} KiB`.padStart(9);
for (const s of sizes) {
  say(`${s.name.padEnd(8)} ${kib(s.raw)} raw (${s.raw} B), ${kib(s.gzip)} gzip -9 (${s.gzip} B)`);
}
