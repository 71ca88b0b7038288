// The benchmark chart, hand-written SVG: per frame physics cost (step + sync) against body count,
// log-log, one panel per scene family (pyramid boxes, rain balls), one line per engine.
import { ENGINE_NAMES, ms } from './report.mjs';

const COLORS = {
  'tumble-simd': '#e4572e',
  'tumble-baseline': '#f3a712',
  'rapier2d-compat': '#4f8fd6',
  planck: '#29bf12',
  'matter-js': '#a06cd5',
  native: '#6b7280',
};

const W = 1060;
const H = 540;
const TOP = 84;
const BOTTOM = 480;
const PANELS = [
  { scene: 'pyramid', title: 'pyramid (boxes)', left: 90, right: 420 },
  { scene: 'rain', title: 'rain (balls)', left: 470, right: 800 },
];
const LEGEND_X = 820;
const BUDGET_MS = 1000 / 60;

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** 1-2-5 ticks covering [lo, hi]. */
function ticks125(lo, hi) {
  const out = [];
  for (let e = Math.floor(Math.log10(lo)) - 1; e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** e;
      if (v >= lo && v <= hi) out.push(v);
    }
  }
  return out;
}

function tickLabel(v) {
  if (v >= 1000) return `${v / 1000}k`;
  return v >= 1 ? String(v) : String(Number(v.toPrecision(1)));
}

function logMap(lo, hi, a, b) {
  const l0 = Math.log(lo);
  const span = Math.log(hi) - l0;
  return (v) => a + ((Math.log(v) - l0) / span) * (b - a);
}

/** Total per-frame physics cost the chart plots: step plus sync (native rows have no sync). */
function cost(r) {
  return r.step.median + (r.sync ? r.sync.median : 0);
}

/**
 * The chart for `rows` (median-of-runs rows, native included); `subtitle` says when and where.
 */
export function chartSvg(rows, subtitle) {
  const usable = rows.filter((r) => Number.isFinite(cost(r)) && cost(r) > 0);
  const costs = usable.map(cost);
  const lo = Math.min(...costs, BUDGET_MS) / 1.15;
  const hi = Math.max(...costs, BUDGET_MS) * 1.15;
  const candidates = ticks125(lo / 10, hi * 10);
  const yLo = candidates.filter((v) => v <= lo).at(-1);
  const yHi = candidates.find((v) => v >= hi);
  const y = logMap(yLo, yHi, BOTTOM, TOP);
  // The native build without enhanced-determinism is a table row (what determinism costs), not a line.
  const engines = Object.keys(ENGINE_NAMES).filter((e) => e !== 'native-fast' && usable.some((r) => r.engine === e));
  const out = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="13">`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${W / 2}" y="30" text-anchor="middle" font-size="19" font-weight="600">Physics cost per frame (step + pose sync) vs body count</text>`,
    `<text x="${W / 2}" y="52" text-anchor="middle" fill="#555">${esc(subtitle)}</text>`,
    `<text transform="translate(24 ${(TOP + BOTTOM) / 2}) rotate(-90)" text-anchor="middle">ms per frame, median (log scale)</text>`,
  );
  for (const panel of PANELS) {
    const mine = usable.filter((r) => r.scene === panel.scene);
    if (mine.length === 0) continue;
    const counts = mine.map((r) => r.bodies);
    const xLo = Math.min(...counts) / 1.6;
    const xHi = Math.max(...counts) * 1.6;
    const x = logMap(xLo, xHi, panel.left, panel.right);
    out.push(`<g>`);
    out.push(`<rect x="${panel.left}" y="${TOP}" width="${panel.right - panel.left}" height="${BOTTOM - TOP}" fill="#fafafa" stroke="#999"/>`);
    out.push(`<text x="${(panel.left + panel.right) / 2}" y="${TOP - 10}" text-anchor="middle" font-weight="600">${esc(panel.title)}</text>`);
    for (const v of ticks125(yLo, yHi)) {
      const yy = y(v).toFixed(1);
      const major = Math.log10(v) % 1 === 0;
      out.push(`<line x1="${panel.left}" x2="${panel.right}" y1="${yy}" y2="${yy}" stroke="${major ? '#ccc' : '#eee'}"/>`);
      out.push(`<text x="${panel.left - 6}" y="${yy}" dy="4" text-anchor="end" fill="#444">${tickLabel(v)}</text>`);
    }
    for (const v of ticks125(xLo, xHi)) {
      const xx = x(v).toFixed(1);
      out.push(`<line x1="${xx}" x2="${xx}" y1="${TOP}" y2="${BOTTOM}" stroke="#eee"/>`);
      out.push(`<text x="${xx}" y="${BOTTOM + 18}" text-anchor="middle" fill="#444">${tickLabel(v)}</text>`);
    }
    out.push(`<text x="${(panel.left + panel.right) / 2}" y="${BOTTOM + 40}" text-anchor="middle">bodies (log scale)</text>`);
    const budget = y(BUDGET_MS).toFixed(1);
    out.push(`<line x1="${panel.left}" x2="${panel.right}" y1="${budget}" y2="${budget}" stroke="#c00" stroke-dasharray="6 4"/>`);
    for (const engine of engines) {
      const pts = mine.filter((r) => r.engine === engine).sort((a, b) => a.bodies - b.bodies);
      if (pts.length === 0) continue;
      const color = COLORS[engine] ?? '#000';
      const dash = engine === 'native' ? ' stroke-dasharray="5 4"' : '';
      const path = pts.map((r, i) => `${i ? 'L' : 'M'}${x(r.bodies).toFixed(1)} ${y(cost(r)).toFixed(1)}`).join(' ');
      out.push(`<path d="${path}" fill="none" stroke="${color}" stroke-width="2.5"${dash}/>`);
      for (const r of pts) {
        const cx = x(r.bodies).toFixed(1);
        const cy = y(cost(r)).toFixed(1);
        const tip = `${ENGINE_NAMES[engine]}, ${r.scene} ${r.n}: ${ms(cost(r))} ms${r.sane ? '' : ` (failed: ${r.check})`}`;
        out.push(`<circle cx="${cx}" cy="${cy}" r="4" fill="${color}"><title>${esc(tip)}</title></circle>`);
        // A failed row keeps its engine's dot (so one can tell whose it is) under a red cross.
        if (!r.sane) {
          out.push(
            `<path d="M${+cx - 7} ${+cy - 7}L${+cx + 7} ${+cy + 7}M${+cx - 7} ${+cy + 7}L${+cx + 7} ${+cy - 7}" stroke="#c00" stroke-width="2.5"><title>${esc(tip)}</title></path>`,
          );
        }
      }
    }
    out.push(`</g>`);
  }
  let ly = TOP + 8;
  out.push(`<text x="${LEGEND_X}" y="${ly}" font-weight="600">engine</text>`);
  for (const engine of engines) {
    ly += 24;
    const dash = engine === 'native' ? ' stroke-dasharray="5 4"' : '';
    out.push(`<line x1="${LEGEND_X}" x2="${LEGEND_X + 26}" y1="${ly - 4}" y2="${ly - 4}" stroke="${COLORS[engine]}" stroke-width="2.5"${dash}/>`);
    out.push(`<circle cx="${LEGEND_X + 13}" cy="${ly - 4}" r="4" fill="${COLORS[engine]}"/>`);
    const units = usable.find((r) => r.engine === engine && r.units)?.units;
    out.push(`<text x="${LEGEND_X + 34}" y="${ly}">${esc(ENGINE_NAMES[engine])}${units ? ` (${esc(units)})` : ''}</text>`);
  }
  // The frame budget is explained here, not on the panels, where a label would hide points.
  ly += 24;
  out.push(`<line x1="${LEGEND_X}" x2="${LEGEND_X + 26}" y1="${ly - 4}" y2="${ly - 4}" stroke="#c00" stroke-dasharray="6 4"/>`);
  out.push(`<text x="${LEGEND_X + 34}" y="${ly}">16.7 ms: one 60 fps frame</text>`);
  if (usable.some((r) => !r.sane)) {
    ly += 24;
    out.push(`<path d="M${LEGEND_X + 6} ${ly - 11}L${LEGEND_X + 20} ${ly + 3}M${LEGEND_X + 6} ${ly + 3}L${LEGEND_X + 20} ${ly - 11}" stroke="#c00" stroke-width="2.5"/>`);
    out.push(`<text x="${LEGEND_X + 34}" y="${ly}">failed its sanity check</text>`);
  }
  const notes = [
    'Lower is better.',
    'Sync: every body\u2019s pose',
    'into one Float32Array.',
    'Native: step only.',
    'Draw time not plotted.',
  ];
  // A row that errored has no figure to plot; say so rather than let its point vanish.
  const missing = rows.filter((r) => !usable.includes(r));
  if (missing.length) {
    notes.push('', 'No figure (errored):');
    for (const r of missing) notes.push(`${ENGINE_NAMES[r.engine] ?? r.engine}, ${r.scene} ${r.n}`);
  }
  ly += 20;
  for (const note of notes) {
    ly += 18;
    out.push(`<text x="${LEGEND_X}" y="${ly}" fill="#555" font-size="12">${esc(note)}</text>`);
  }
  out.push(`</svg>`);
  return `${out.join('\n')}\n`;
}
