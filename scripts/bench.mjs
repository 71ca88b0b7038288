#!/usr/bin/env node
// `npm run bench`: the browser benchmark. Builds both wasm modules and the bench page, serves it
// cross-origin isolated on 127.0.0.1, runs every engine × scene in headless Chromium (one fresh
// page per row), runs the native tumble-bench in the same invocation, and writes the table to
// stdout, bench-results/<timestamp>.json + latest.json, chart.svg + chart.png and
// performance-section.md (the README's Performance section). Slow: planck's rain 10000 alone
// runs about 1.7 s a step, so one run takes some 20 minutes on a busy 2-core machine.
//
//   npm run bench                   5 scenes × 5 engines, 60 warm-up + 300 timed steps, one run
//   npm run bench -- --runs 3       three runs; every number is the median of the runs
//   npm run bench -- --quick        smoke test: two small scenes, 10 + 60 steps, no native run
//                                   (add --native); reuses web/pkg when newer than the Rust sources
//   npm run bench -- --engines planck,matter-js   only these (ids as in the JSON)
//   npm run bench -- --scenes rain:10000          only these scenes (name:size, comma-separated)
//   npm run bench -- --no-build     use the web/pkg already built (or TUMBLE_BENCH_SKIP_BUILD=1)
//   npm run bench -- --no-native    skip the native tumble-bench (no wasm/native ratios)
//   npm run bench -- --no-demo      skip the demo's own frames and start-up (scripts/bench/frames.mjs)
//   npm run bench -- --from bench-results/latest.json   tables, chart and README text again from a
//                                   saved report, measuring nothing
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import { chartSvg } from './bench/chart.mjs';
import { comparisonTable, demoTable, fromNative, markdownTable, medianOfRuns, ms, performanceSection, sizeTable } from './bench/report.mjs';
import { serve } from './bench/server.mjs';
import { measureDemo } from './bench/frames.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ENGINES = ['tumble-simd', 'tumble-baseline', 'rapier2d-compat', 'planck', 'matter-js'];
const FULL = {
  scenes: [
    ['pyramid', 20],
    ['pyramid', 60],
    ['rain', 1000],
    ['rain', 4000],
    ['rain', 10000],
  ],
  warmup: 60,
  steps: 300,
  // Each row's engine first steps throwaway worlds this long (web/bench/measure.ts, warmJit).
  jitWarmupMs: 1000,
  // The demo's own frames (scripts/bench/frames.mjs): rain at these counts, 600 frames each.
  demo: { counts: [1000, 4000, 10000], frames: 600, settleMs: 3000, startups: 5 },
};
const QUICK = { scenes: [['pyramid', 20], ['rain', 1000]], warmup: 10, steps: 60, jitWarmupMs: 100, demo: { counts: [1000], frames: 60, settleMs: 500, startups: 1 } };

/**
 * Longest one row may take: planck's rain 10000 takes about 10 minutes (1.7 s a step) on a busy
 * 2-core machine. A row over it is reported as an error, and the next row gets a new page.
 */
const ROW_LIMIT_MS = 30 * 60_000;

/** Cores other processes may keep busy before a run's timings are called noisy. */
const BUSY_WARNING = 0.25;

const T0 = Date.now();
const log = (...parts) => console.error(`[bench ${((Date.now() - T0) / 1000).toFixed(0).padStart(3)} s]`, ...parts);

function fail(message) {
  console.error(`\n[bench] error: ${message}\n`);
  process.exit(1);
}

function parseArgs(argv) {
  const opts = { quick: false, runs: 1, withDemo: true, engines: ENGINES, build: process.env.TUMBLE_BENCH_SKIP_BUILD !== '1', native: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') opts.quick = true;
    else if (arg === '--no-build') opts.build = false;
    else if (arg === '--native') opts.native = true;
    else if (arg === '--no-native') opts.native = false;
    else if (arg === '--no-demo') opts.withDemo = false;
    else if (arg === '--runs') {
      opts.runs = Number(argv[++i]);
      if (!Number.isInteger(opts.runs) || opts.runs < 1 || opts.runs > 20) fail('--runs takes a whole number from 1 to 20');
    } else if (arg === '--engines') {
      opts.engines = String(argv[++i] ?? '').split(',').filter(Boolean);
      const unknown = opts.engines.filter((e) => !ENGINES.includes(e));
      if (unknown.length || opts.engines.length === 0) fail(`--engines takes a comma list of ${ENGINES.join(', ')}`);
    } else if (arg === '--scenes') {
      opts.scenes = String(argv[++i] ?? '').split(',').filter(Boolean).map((spec) => {
        const [name, size] = spec.split(':');
        const n = Number(size);
        if (!['pyramid', 'rain'].includes(name) || !Number.isInteger(n) || n < 1) fail(`--scenes takes name:size items such as rain:10000, got ${JSON.stringify(spec)}`);
        return [name, n];
      });
      if (opts.scenes.length === 0) fail('--scenes takes name:size items such as rain:10000');
    } else if (arg === '--help' || arg === '-h') {
      const lines = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1);
      const header = lines.slice(0, lines.findIndex((l) => !l.startsWith('//')));
      console.log(header.map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
      process.exit(0);
    } else fail(`unknown argument ${JSON.stringify(arg)}; try --help`);
  }
  // A cold release build of tumble-bench (LTO) takes minutes: the smoke test skips it unless asked.
  opts.native ??= !opts.quick;
  const preset = opts.quick ? QUICK : FULL;
  return { ...opts, ...preset, scenes: opts.scenes ?? preset.scenes };
}

/** Runs a command from the repository root with its output on our stderr; returns its status. */
function run(command, args, env = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', 2, 2], env: { ...process.env, ...env } });
  if (result.error) fail(`could not run ${command}: ${result.error.message}`);
  return result.status;
}

function buildWasm() {
  const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts ?? {};
  if (!scripts['build:wasm']) {
    fail('package.json has no "build:wasm" script, so web/pkg cannot be built. Run the JavaScript engines alone with --engines rapier2d-compat,planck,matter-js');
  }
  log('building the release wasm (npm run build:wasm)');
  // The release build people get: none of tumble-wasm's test-only features.
  if (run('npm', ['run', '--silent', 'build:wasm'], { TUMBLE_WASM_FEATURES: '' }) !== 0) {
    fail('npm run build:wasm failed (output above), so web/pkg could not be built. Run scripts/setup.sh first: it installs the wasm32 target and the pinned wasm-bindgen CLI');
  }
}

/**
 * Whether both wasm modules exist and are newer than every Rust source they are built from.
 * `--quick` then skips the build (minutes of cargo), as the smoke test has one.
 */
function wasmIsFresh() {
  const built = ['simd', 'baseline'].map((f) => join(ROOT, 'web/pkg', f, 'tumble_wasm_bg.wasm'));
  if (!built.every((p) => existsSync(p))) return false;
  const builtAt = Math.min(...built.map((p) => statSync(p).mtimeMs));
  const sources = [join(ROOT, 'Cargo.lock'), join(ROOT, 'Cargo.toml'), join(ROOT, 'scripts/build-wasm.mjs')];
  for (const crate of ['crates/tumble-core', 'crates/tumble-wasm']) {
    for (const entry of readdirSync(join(ROOT, crate), { recursive: true })) sources.push(join(ROOT, crate, entry));
  }
  const newest = Math.max(...sources.filter((p) => existsSync(p)).map((p) => statSync(p).mtimeMs));
  if (newest > builtAt) return false;
  log('web/pkg is newer than the Rust sources: --quick skips the wasm build');
  return true;
}

/** Raw and gzip -9 bytes of each wasm module in web/pkg (gzip as build-wasm.mjs reports it). */
function wasmSizes() {
  const sizes = [];
  for (const flavour of ['simd', 'baseline']) {
    const path = join(ROOT, 'web/pkg', flavour, 'tumble_wasm_bg.wasm');
    if (!existsSync(path)) continue;
    const bytes = readFileSync(path);
    sizes.push({ flavour, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  return sizes;
}

function checkWasmBuilt() {
  for (const flavour of ['simd', 'baseline']) {
    if (!existsSync(join(ROOT, 'web/pkg', flavour))) fail(`web/pkg/${flavour}/ is missing; run npm run build:wasm (or drop --no-build)`);
  }
}

/** Builds `config` (a Vite config file) into its outDir, or fails saying `what` did not build. */
async function viteBuild(config, what) {
  const { build } = await import('vite');
  try {
    await build({ configFile: join(ROOT, config), logLevel: 'warn' });
  } catch (e) {
    fail(`${what} did not build: ${e.message}`);
  }
}

async function buildDemo() {
  log('building the demo (vite.config.js -> dist-site/)');
  await viteBuild('vite.config.js', 'the demo');
}

async function buildPage() {
  log('building the bench page (vite.bench.config.js -> dist-bench/)');
  await viteBuild('vite.bench.config.js', 'the bench page');
}

/**
 * The two native builds: the default one (rapier's enhanced-determinism on, so its bits match the
 * wasm builds and the golden hashes) and one without it, whose rows show what determinism costs.
 */
const NATIVE_BUILDS = [
  { engine: 'native', targetDir: join(ROOT, 'target'), features: [] },
  { engine: 'native-fast', targetDir: join(ROOT, 'target', 'native-fast'), features: ['--no-default-features'] },
];

/** Builds both native tumble-bench binaries; false (with a warning) when one does not build. */
function buildNative() {
  for (const b of NATIVE_BUILDS) {
    log(`building the native tumble-bench (cargo build --release -p tumble-bench ${b.features.join(' ')})`);
    if (run('cargo', ['build', '--release', '--quiet', '-p', 'tumble-bench', ...b.features], { CARGO_TARGET_DIR: b.targetDir }) !== 0) {
      log('warning: the native tumble-bench did not build (output above); the wasm/native column stays empty');
      return false;
    }
  }
  return true;
}

/** Native tumble-bench rows of both builds for `opts`' scenes, or null (with a warning) when one cannot run. */
function nativeBench(opts) {
  const tail = ['--steps', String(opts.steps), '--warmup', String(opts.warmup), '--json'];
  const all = JSON.stringify(opts.scenes) === JSON.stringify(FULL.scenes);
  const calls = all ? [['--all', ...tail]] : opts.scenes.map(([s, n]) => ['--scene', s, '--n', String(n), ...tail]);
  const rows = [];
  for (const b of NATIVE_BUILDS) {
    const binary = join(b.targetDir, 'release/tumble-bench');
    for (const args of calls) {
      const result = spawnSync(binary, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 2], maxBuffer: 1 << 24 });
      let parsed;
      try {
        parsed = JSON.parse(result.stdout.toString());
      } catch {
        log(`warning: the native tumble-bench (${b.engine}) did not run (exit ${result.status}); the ratio column stays empty`);
        return null;
      }
      rows.push(...parsed.map((m) => fromNative(m, b.engine)));
    }
  }
  return rows;
}

/** How many cores' worth of CPU time the machine spent over one idle second of ours. */
async function busyCores() {
  const total = () => cpus().reduce((acc, c) => {
    const t = c.times;
    acc.busy += t.user + t.nice + t.sys + t.irq;
    acc.all += t.user + t.nice + t.sys + t.irq + t.idle;
    return acc;
  }, { busy: 0, all: 0 });
  const a = total();
  await new Promise((done) => setTimeout(done, 1000));
  const b = total();
  return ((b.busy - a.busy) / Math.max(1, b.all - a.all)) * cpus().length;
}

function expectedBodies(scene, n) {
  return scene === 'pyramid' ? (n * (n + 1)) / 2 + 1 : n + 3;
}

async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'tumble-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1000, height: 600 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}

async function openBench(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => window.tumbleBench !== undefined, null, { timeout: 30_000 });
}

/**
 * Runs one row in `page`. page.evaluate has no timeout and never settles once the page crashed,
 * so a crash or {@link ROW_LIMIT_MS} rejects instead of hanging the whole benchmark.
 */
function runRow(page, engine, request) {
  let timer;
  let onCrash;
  const failure = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the row took over ${ROW_LIMIT_MS / 60_000} minutes`)), ROW_LIMIT_MS);
    onCrash = () => reject(new Error('the page crashed (out of memory?)'));
    page.once('crash', onCrash);
  });
  const row = page.evaluate(([e, q]) => window.tumbleBench.run(e, q), [engine, request]);
  return Promise.race([row, failure]).finally(() => {
    clearTimeout(timer);
    page.off('crash', onCrash);
  });
}

async function main() {
  const started = Date.now();
  const opts = parseArgs(process.argv.slice(2));
  const wantsTumble = opts.engines.some((e) => e.startsWith('tumble-'));
  if (!existsSync(CHROMIUM)) {
    fail(`Chromium is not at ${CHROMIUM}. Run scripts/setup.sh (it installs Debian's chromium), or set CHROMIUM_PATH`);
  }
  if (wantsTumble && opts.build && !(opts.quick && wasmIsFresh())) buildWasm();
  if (wantsTumble) checkWasmBuilt();
  await buildPage();
  if (opts.withDemo) await buildDemo();
  const nativeBuilt = NATIVE_BUILDS.every((b) => existsSync(join(b.targetDir, 'release/tumble-bench')));
  if (opts.native && (opts.build || !nativeBuilt) && !buildNative()) opts.native = false;

  const server = await serve(join(ROOT, 'dist-bench'));
  const browser = await launchBrowser();
  // Playwright's own handlers do not always take a persistent context's Chromium down with us.
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      browser.close().finally(() => process.exit(130));
    });
  }
  const runs = [];
  let info;
  const versions = {};
  const loads = [];
  let demo = null;
  try {
    const newPage = async () => {
      const p = await browser.context.newPage();
      p.on('pageerror', (e) => log(`page error: ${e.message}`));
      p.on('crash', () => log('the bench page crashed'));
      return p;
    };
    let page = await newPage();
    await openBench(page, server.url);
    info = await page.evaluate(() => window.tumbleBench.info());
    if (!info.crossOriginIsolated) fail('the bench page is not cross-origin isolated (COOP/COEP headers missing?), so its timer is too coarse');
    log(`Chromium ${info.userAgent.match(/Chrome\/([\d.]+)/)?.[1] ?? '?'}, crossOriginIsolated, timer step ${(info.timerResolutionMs * 1000).toFixed(1)} µs`);

    for (let r = 0; r < opts.runs; r++) {
      const label = `run ${r + 1}/${opts.runs}`;
      loads.push(await busyCores());
      if (loads.at(-1) > BUSY_WARNING) log(`warning: other processes keep ${loads.at(-1).toFixed(2)} of ${cpus().length} cores busy; timings will be noisy`);
      if (opts.native) log(`${label}: native tumble-bench`);
      const native = (opts.native && nativeBench(opts)) || [];
      for (const m of native) log(`${label} ${m.engine} ${m.scene} ${m.n}: step ${ms(m.step.median)} ms${m.sane ? '' : ` NOT SANE: ${m.check}`}`);
      const rows = [];
      for (const [scene, n] of opts.scenes) {
        for (const engine of opts.engines) {
          const request = { scene, n, warmup: opts.warmup, steps: opts.steps, jitWarmupMs: opts.jitWarmupMs };
          let row;
          try {
            await openBench(page, server.url);
            row = { engine, ...(await runRow(page, engine, request)) };
            versions[engine] = row.engineVersion;
          } catch (e) {
            const message = String(e.message ?? e).split('\n')[0];
            const none = { median: NaN, p95: NaN };
            // A crashed or wedged page cannot run the next row: that one gets a new page.
            await page.close().catch(() => {});
            page = await newPage();
            row = { engine, scene, n, bodies: expectedBodies(scene, n), steps: opts.steps, step: none, sync: none, syncBatchMean: NaN, draw: none, sane: false, check: `error: ${message}` };
          }
          rows.push(row);
          log(
            `${label} ${scene} ${n} ${engine}: step ${ms(row.step.median)} ms, sync ${ms(row.sync.median)} ms, draw ${ms(row.draw.median)} ms` +
              (row.sane ? '' : `  NOT SANE: ${row.check}`),
          );
        }
      }
      runs.push({ browser: rows, native });
      // What an interrupted run leaves: `--from bench-results/partial.json` publishes it.
      if (r + 1 < opts.runs) {
        mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
        writeFileSync(join(ROOT, 'bench-results/partial.json'), `${JSON.stringify(makeReport({ started, opts, info, versions, loads, runs }), null, 2)}\n`);
      }
    }
    if (opts.withDemo) {
      log(`the demo's own frames: rain ${opts.demo.counts.join(', ')}, ${opts.demo.frames} frames each; start-up over ${opts.demo.startups} loads`);
      demo = await measureDemo(browser.context, join(ROOT, 'dist-site'), { ...opts.demo, log });
    }
  } catch (e) {
    await browser.close();
    await server.close();
    throw e;
  }

  const report = makeReport({ started, opts, info, versions, loads, runs, demo });
  const { generatedAt } = report;
  const outDir = join(ROOT, 'bench-results');
  mkdirSync(outDir, { recursive: true });
  const jsonPath = join(outDir, `${generatedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(outDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  rmSync(join(outDir, 'partial.json'), { force: true });
  try {
    await publish(report, browser.context);
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`Results: ${relative(ROOT, jsonPath)} (and bench-results/latest.json)`);
}

/**
 * Writes what a person reads from `report` (the JSON written above): bench-results/chart.svg and
 * .png, bench-results/performance-section.md, and the tables on stdout.
 */
async function publish(report, context) {
  const { results, options, environment: env } = report;
  const outDir = join(ROOT, 'bench-results');
  mkdirSync(outDir, { recursive: true });
  // Ready to paste into the README's Performance section (it shows docs/bench-chart.svg).
  writeFileSync(join(outDir, 'performance-section.md'), performanceSection(report));
  const steps = `${options.warmup} warm-up + ${options.steps} timed steps`;
  const median = `median of ${options.runs} run${options.runs > 1 ? 's' : ''}`;
  const subtitle = `${report.generatedAt.slice(0, 10)} · headless Chromium ${env.chromium.split('.')[0]}, ${env.cores} cores · ${steps} · ${median}`;
  const svg = chartSvg(results, subtitle);
  writeFileSync(join(outDir, 'chart.svg'), svg);
  await renderPng(context, svg, join(outDir, 'chart.png'));

  const comparison = comparisonTable(results);
  console.log(`\n## Browser benchmark (${steps}, ${median}, Chromium ${env.chromium})\n`);
  console.log(markdownTable(results));
  if (comparison) console.log(`\n${comparison}`);
  if (report.wasm?.length) console.log(`\nWasm module sizes:\n\n${sizeTable(report.wasm)}`);
  if (report.demo) console.log(`\n## The demo's own frames\n\n${demoTable(report.demo)}`);
  console.log('\nChart: bench-results/chart.svg (.png); README text: bench-results/performance-section.md');
  console.log(`Total time: ${report.totalSeconds} s`);
  if (results.some((r) => !r.sane)) console.log('Some rows failed their sanity check: they are marked NO above.');
  const busiest = Math.max(0, ...env.otherBusyCoresBeforeEachRun);
  if (busiest > BUSY_WARNING) {
    console.log(`Warning: other processes kept up to ${busiest.toFixed(2)} of ${env.cores} cores busy; these timings are skewed.`);
  }
}

/** `--from FILE`: the tables, chart and README text again from a saved report, measuring nothing. */
async function republish(path) {
  const report = JSON.parse(readFileSync(path, 'utf8'));
  // Recomputed, so that a change to the medians or the table applies to old measurements too.
  report.results = medianOfRuns(report.runs.map((run) => [...run.browser, ...run.native]));
  const browser = await launchBrowser();
  try {
    await publish(report, browser.context);
  } finally {
    await browser.close();
  }
}

/** The JSON report of the runs so far: per-run rows, their medians, and where they ran. */
function makeReport({ started, opts, info, versions, loads, runs, demo = null }) {
  const results = medianOfRuns(runs.map((run) => [...run.browser, ...run.native]));
  const seconds = (Date.now() - started) / 1000;
  const chromiumVersion = info.userAgent.match(/Chrome\/([\d.]+)/)?.[1] ?? 'unknown';
  const generatedAt = new Date().toISOString();
  return {
    generatedAt,
    totalSeconds: Math.round(seconds),
    options: { quick: opts.quick, runs: runs.length, runsAsked: opts.runs, warmup: opts.warmup, steps: opts.steps, jitWarmupMs: opts.jitWarmupMs, engines: opts.engines },
    environment: {
      chromium: chromiumVersion,
      userAgent: info.userAgent,
      crossOriginIsolated: info.crossOriginIsolated,
      timerResolutionMs: info.timerResolutionMs,
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      node: process.version,
      otherBusyCoresBeforeEachRun: loads.map((l) => Number(l.toFixed(2))),
    },
    engines: versions,
    wasm: wasmSizes(),
    demo,
    notes: {
      timings: 'milliseconds; each is the median over runs of that run\u2019s median (or p95) over the timed steps',
      sync: 'getting every body\u2019s x, y and rotation into one Float32Array (x, y, cos, sin per body); Tumble: engine.views() and reading its transform view',
      draw: 'the shared Canvas 2D routine (web/bench/draw.ts) plus rasterisation, forced by reading back one pixel; software canvas (--disable-gpu)',
      matter: '1 m = 50 px; see web/bench/engines/matter.ts',
    },
    results,
    runs,
  };
}

/** Renders the chart to PNG in the same headless Chromium, so a person (or a file viewer) can look. */
async function renderPng(context, svg, path) {
  const page = await context.newPage();
  await page.setContent(`<!doctype html><body style="margin:0">${svg}</body>`);
  await page.locator('svg').screenshot({ path });
  await page.close();
}

const from = process.argv.indexOf('--from');
(from > 1 ? republish(process.argv[from + 1] ?? fail('--from takes a report JSON file')) : main()).catch((e) => fail(e.stack ?? String(e)));
