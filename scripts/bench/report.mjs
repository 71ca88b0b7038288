// Turning the rows of one or more runs into what `npm run bench` prints and writes: medians over
// runs, the markdown table and the ratios a reader asks for first.

/** Engines in table order, with the names a person reads. */
export const ENGINE_NAMES = {
  'tumble-simd': 'Tumble (wasm SIMD)',
  'tumble-baseline': 'Tumble (wasm baseline)',
  'rapier2d-compat': 'rapier2d-compat',
  planck: 'planck.js',
  'matter-js': 'matter.js',
  native: 'Tumble (native)',
  'native-fast': 'Tumble (native, no enhanced-determinism)',
};

function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

const key = (r) => `${r.engine}|${r.scene}|${r.n}`;

/**
 * Rows of several runs → one row per engine × scene: each timing is the median over runs of that
 * run's median (or p95); a row is sane only if it was sane in every run.
 */
export function medianOfRuns(runs) {
  const groups = new Map();
  for (const rows of runs) {
    for (const r of rows) {
      if (!groups.has(key(r))) groups.set(key(r), []);
      groups.get(key(r)).push(r);
    }
  }
  return [...groups.values()].map((rs) => {
    const first = rs[0];
    const failed = rs.find((r) => !r.sane);
    // An errored run's row lacks what only the page reports: take it from a run that has it.
    const reported = rs.find((r) => r.engineVersion) ?? first;
    const out = {
      ...first,
      engineVersion: reported.engineVersion,
      units: reported.units ?? '',
      runs: rs.length,
      sane: !failed,
      check: (failed ?? rs[rs.length - 1]).check,
    };
    for (const part of ['step', 'sync', 'draw']) {
      if (!first[part]) continue;
      out[part] = { median: median(rs.map((r) => r[part].median)), p95: median(rs.map((r) => r[part].p95)) };
    }
    if ('syncBatchMean' in first) out.syncBatchMean = median(rs.map((r) => r.syncBatchMean));
    return out;
  });
}

/**
 * The native tumble-bench JSON rows, in the browser rows' shape. `engine` is `native` (the default
 * build, with rapier's enhanced-determinism, whose bits match the wasm builds) or `native-fast`
 * (built with --no-default-features: what determinism costs).
 */
export function fromNative(m, engine = 'native') {
  return {
    engine,
    engineVersion: 'rapier2d 0.36.1',
    scene: m.scene,
    n: m.n,
    bodies: m.bodies,
    steps: m.steps,
    step: { median: m.medianMs, p95: m.p95Ms },
    sane: m.sane,
    check: m.check ?? '',
  };
}

/** Milliseconds with about three significant digits. */
export function ms(x) {
  if (x === undefined || x === null || !Number.isFinite(x)) return '—';
  // performance.now() moves in 5 µs steps in an isolated page: a zero median means "under a step".
  if (x === 0) return '<0.005';
  if (x >= 100) return x.toFixed(0);
  if (x >= 10) return x.toFixed(1);
  if (x >= 1) return x.toFixed(2);
  return x.toFixed(3);
}

function us(x) {
  return Number.isFinite(x) ? (x * 1000).toFixed(x < 0.01 ? 2 : 1) : '—';
}

function ratio(x) {
  return Number.isFinite(x) ? `${x.toFixed(2)}×` : '—';
}

/** Sorts rows by scene (pyramids, then rain, each by size), then engine table order. */
export function sortRows(rows) {
  const order = Object.keys(ENGINE_NAMES);
  return [...rows].sort(
    (a, b) =>
      (a.scene === b.scene ? 0 : a.scene === 'pyramid' ? -1 : 1) ||
      a.n - b.n ||
      order.indexOf(a.engine) - order.indexOf(b.engine),
  );
}

function find(rows, engine, scene, n) {
  return rows.find((r) => r.engine === engine && r.scene === scene && r.n === n);
}

/** An engine's name as the table prints it, with its units when they are not metres. */
function engineLabel(r) {
  const name = ENGINE_NAMES[r.engine] ?? r.engine;
  return r.units ? `${name} (${r.units})` : name;
}

/**
 * The main table: every engine × scene, native rows included, failures marked in place.
 * ×native: a Tumble wasm row's step median over the native step median of the same scene.
 */
export function markdownTable(rows) {
  const lines = [
    '| engine | scene | bodies | step median ms | step p95 ms | sync median ms | draw median ms | sane | ×native |',
    '|---|---|---:|---:|---:|---:|---:|---|---:|',
  ];
  for (const r of sortRows(rows)) {
    const native = find(rows, 'native', r.scene, r.n);
    const isWasm = r.engine.startsWith('tumble-');
    const sane = r.sane ? 'yes' : `**NO: ${r.check.replace(/\|/g, '\\|')}**`;
    lines.push(
      `| ${engineLabel(r)} | ${r.scene} ${r.n} | ${r.bodies} | ${ms(r.step.median)} | ${ms(r.step.p95)} | ` +
        `${ms(r.sync?.median)} | ${ms(r.draw?.median)} | ${sane} | ${isWasm && native ? ratio(r.step.median / native.step.median) : ''} |`,
    );
  }
  return lines.join('\n');
}

/** Raw and gzip -9 sizes of the two wasm modules, as a markdown table. */
export function sizeTable(sizes) {
  if (!sizes.length) return '';
  const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
  const lines = ['| module | raw | gzip -9 |', '|---|---:|---:|'];
  for (const s of sizes) lines.push(`| web/pkg/${s.flavour}/tumble_wasm_bg.wasm | ${kib(s.raw)} (${s.raw} B) | ${kib(s.gzip)} (${s.gzip} B) |`);
  return lines.join('\n');
}

/** Tumble (SIMD) against rapier2d-compat, the same Rust engine behind per-body JS bindings. */
/**
 * The demo's own frames (scripts/bench/frames.mjs): per rain size, the frame rate delivered over
 * the timed requestAnimationFrame frames and the main thread's work per frame; then start-up.
 */
export function demoTable(demo) {
  const lines = [
    '| demo scene | bodies | frames | delivered fps | main-thread work median ms | p95 ms | advance median ms | views + draw median ms | renderer |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const r of demo.frames) {
    lines.push(
      `| rain ${r.count} | ${r.bodies} | ${r.frames} | ${r.fps.toFixed(1)} | ${ms(r.work.median)} | ${ms(r.work.p95)} | ${ms(r.advance.median)} | ${ms(r.draw.median)} | ${r.renderer} |`,
    );
  }
  const s = demo.startup;
  lines.push('', `Start-up: the first frame is drawn ${s.medianMs.toFixed(0)} ms after navigation (median of ${s.loads} fresh loads of the built demo; ${s.minMs.toFixed(0)} to ${s.maxMs.toFixed(0)} ms).`);
  return lines.join('\n');
}

export function comparisonTable(rows) {
  const scenes = sortRows(rows.filter((r) => r.engine === 'tumble-simd'));
  if (scenes.length === 0) return '';
  const lines = [
    '| scene | bodies | rapier2d-compat step ÷ Tumble SIMD step | rapier2d-compat sync ÷ Tumble SIMD sync (µs per sync, batch mean) | Tumble SIMD step ÷ native step |',
    '|---|---:|---:|---:|---:|',
  ];
  for (const t of scenes) {
    const r = find(rows, 'rapier2d-compat', t.scene, t.n);
    const native = find(rows, 'native', t.scene, t.n);
    lines.push(
      `| ${t.scene} ${t.n} | ${t.bodies} | ${r ? ratio(r.step.median / t.step.median) : '—'} | ` +
        `${r ? `${ratio(r.syncBatchMean / t.syncBatchMean)} (${us(r.syncBatchMean)} vs ${us(t.syncBatchMean)})` : '—'} | ` +
        `${native ? ratio(t.step.median / native.step.median) : '—'} |`,
    );
  }
  return lines.join('\n');
}

/**
 * The README's Performance section as `npm run bench` measured it: heading line, the table, the
 * wasm sizes and two paragraphs of method. `report` is the JSON report bench.mjs writes.
 */
export function performanceSection(report) {
  const { options, environment: env, results } = report;
  const runs = `median of ${options.runs} run${options.runs > 1 ? 's' : ''}`;
  const busy = env.otherBusyCoresBeforeEachRun.length ? Math.max(...env.otherBusyCoresBeforeEachRun) : 0;
  const failed = results.filter((r) => !r.sane).length;
  const lines = [
    `Measured by \`npm run bench -- --runs ${options.runs}\` on ${report.generatedAt.slice(0, 10)}: headless Chromium ` +
      `${env.chromium.split('.')[0]} (software canvas), ${env.cores} cores (${env.cpu}), ` +
      `${options.jitWarmupMs ? `${options.jitWarmupMs / 1000} s of JIT warm-up on throwaway worlds, then ` : ''}` +
      `${options.warmup} warm-up + ${options.steps} timed steps per row, every figure the ${runs}. ` +
      `Native rows: \`tumble-bench\` in the same invocation.`,
    '',
    markdownTable(results),
    '',
  ];
  if (failed) lines.push(`${failed} row${failed > 1 ? 's' : ''} failed the sanity check and ${failed > 1 ? 'are' : 'is'} marked **NO** with the reason.`, '');
  if (report.wasm?.length) lines.push('Module sizes:', '', sizeTable(report.wasm), '');
  if (report.demo) {
    lines.push(
      'The demo itself (`index.html`, built, at devicePixelRatio 1, in the same browser): rain at three sizes, each ' +
        `running for a few seconds, then ${report.demo.frames[0]?.frames ?? 0} requestAnimationFrame frames timed. ` +
        "**main-thread work** is what the view does in a frame: `advance` (the physics steps due), reading the views, " +
        'and issuing the draw (rasterisation happens later, off this figure). Headless Chromium here draws with a ' +
        'software rasteriser, which caps the delivered frame rate below what a desktop GPU gives.',
      '',
      demoTable(report.demo),
      '',
    );
  }
  lines.push(
    'Every engine builds the same world from one list (`web/bench/scenes.ts`, which mirrors ' +
      'tumble-core\'s `pyramid` and `rain` presets number for number; Tumble loads the presets ' +
      'themselves and its initial poses are checked against the list): metres, gravity −9.81 m/s², ' +
      'dt 1/60 s, sleeping off, density 1, friction 0.6, restitution 0, each engine\'s default solver ' +
      'settings. Each row runs in a fresh page: the warm-up steps, then the timed steps in a plain ' +
      'loop, each frame timed in three parts. **step** is one engine step. **sync** is getting every ' +
      'body\'s x, y and rotation into one `Float32Array` a renderer reads (x, y, cos, sin per body): ' +
      'for Tumble that is reading its transform view over wasm memory, with no copy and no call per ' +
      'body; for the others a loop over their public per-body getters (rapier.js `translation()` and ' +
      '`rotation()`, planck `getPosition()` and `getAngle()`, matter `position` and `angle`) filling a ' +
      'preallocated array. **draw** is one Canvas 2D routine (`web/bench/draw.ts`) shared by all ' +
      'engines and fed only from that array, rasterisation included. Each cell is the median (or p95) ' +
      `over the timed steps, then the ${runs}. **×native** is a Tumble wasm row's step median over the ` +
      'native `tumble-bench` step median for the same scene; a row whose world misbehaved (the rain did not ' +
      'fall, the pyramid fell, a body sank below the ground, a NaN) is marked, never dropped. ' +
      '**Tumble (native, no enhanced-determinism)** is `tumble-bench` built with `--no-default-features`: ' +
      'the difference from the native row is what bit-identical results across native and wasm cost natively ' +
      '(the wasm builds never pay it: wasm has no fused multiply-add and Tumble brings its own libm there).',
    '',
    `matter.js works in pixels and milliseconds, so its world is the same scene scaled by ` +
      `${results.find((r) => r.engine === 'matter-js')?.units || '1 m = 50 px'} (a ball is 12.5 px, ` +
      'gravity 490.5 px/s², air friction set to 0 so that no engine damps motion), a size its default ' +
      'tolerances suit; it also makes each ball a 13-sided polygon. These figures come from a shared ' +
      `${env.cores}-core virtual machine on which other builds were running (up to ${busy.toFixed(1)} ` +
      'other cores busy when a run started), in headless Chromium with the GPU off: absolute times are ' +
      'slower and noisier than on a desktop, p95 especially, and the draw column measures a software ' +
      'rasteriser. Compare engines within the table (the same machine, the same minutes), not with ' +
      'figures from elsewhere; `npm run bench -- --runs 3` reproduces them on your machine.',
    '',
    '![Physics cost per frame against body count, one line per engine](docs/bench-chart.svg)',
    '',
  );
  return lines.join('\n');
}
