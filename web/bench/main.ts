/**
 * The benchmark page. It runs nothing on its own: `scripts/bench.mjs` loads it once per row and
 * calls `window.tumbleBench.run(engineId, request)`, so every row starts in a fresh page.
 */

import type { BenchEngine } from './engines/engine';
import { runRow, type RowRequest, type RowResult } from './measure';

/** Every engine the page can run, loaded on demand so a row pays only for its own engine. */
const ENGINES: Record<string, () => Promise<BenchEngine>> = {
  'tumble-simd': () => import('./engines/tumble').then((m) => m.tumble('simd')),
  'tumble-baseline': () => import('./engines/tumble').then((m) => m.tumble('baseline')),
  'rapier2d-compat': () => import('./engines/rapier').then((m) => m.rapierCompat),
  planck: () => import('./engines/planck').then((m) => m.planck),
  'matter-js': () => import('./engines/matter').then((m) => m.matter),
};

/** What the page tells the driver about itself before any row runs. */
export interface PageInfo {
  crossOriginIsolated: boolean;
  /** Smallest step `performance.now()` was seen to take, in milliseconds. */
  timerResolutionMs: number;
  userAgent: string;
  engines: string[];
}

declare global {
  interface Window {
    tumbleBench: {
      info(): PageInfo;
      run(engineId: string, request: RowRequest): Promise<RowResult>;
    };
  }
}

function timerResolution(): number {
  let smallest = Infinity;
  for (let i = 0; i < 200; i++) {
    const a = performance.now();
    let b = performance.now();
    while (b === a) b = performance.now();
    smallest = Math.min(smallest, b - a);
  }
  return smallest;
}

const canvas = document.getElementById('stage') as HTMLCanvasElement;

window.tumbleBench = {
  info: () => ({
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    timerResolutionMs: timerResolution(),
    userAgent: navigator.userAgent,
    engines: Object.keys(ENGINES),
  }),
  async run(engineId, request) {
    const load = ENGINES[engineId];
    if (!load) throw new Error(`unknown engine ${engineId}; the page knows ${Object.keys(ENGINES).join(', ')}`);
    return runRow(await load(), request, canvas);
  },
};
