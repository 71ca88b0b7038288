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
    const out = { ...first, runs: rs.length, sane: !failed, check: (failed ?? rs[rs.length - 1]).check };
    for (const part of ['step', 'sync', 'draw']) {
      if (!first[part]) continue;
      out[part] = { median: median(rs.map((r) => r[part].median)), p95: median(rs.map((r) => r[part].p95)) };
    }
    if ('syncBatchMean' in first) out.syncBatchMean = median(rs.map((r) => r.syncBatchMean));
    return out;
  });
}

/** The native tumble-bench JSON rows, in the browser rows' shape. */
export function fromNative(m) {
  return {
    engine: 'native',
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

/** The main table: every engine × scene, native rows included, failures marked in place. */
export function markdownTable(rows) {
  const lines = [
    '| engine | scene | bodies | step median ms | step p95 ms | sync median ms | draw median ms | sane | wasm/native step |',
    '|---|---|---:|---:|---:|---:|---:|---|---:|',
  ];
  for (const r of sortRows(rows)) {
    const native = find(rows, 'native', r.scene, r.n);
    const isWasm = r.engine.startsWith('tumble-');
    const sane = r.sane ? 'yes' : `**NO: ${r.check}**`;
    lines.push(
      `| ${ENGINE_NAMES[r.engine] ?? r.engine} | ${r.scene} ${r.n} | ${r.bodies} | ${ms(r.step.median)} | ${ms(r.step.p95)} | ` +
        `${ms(r.sync?.median)} | ${ms(r.draw?.median)} | ${sane} | ${isWasm && native ? ratio(r.step.median / native.step.median) : ''} |`,
    );
  }
  return lines.join('\n');
}

/** Tumble (SIMD) against rapier2d-compat, the same Rust engine behind per-body JS bindings. */
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
