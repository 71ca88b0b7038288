// The wasm-bindgen glue of each build, imported on demand: by the engine on the page and by the
// solver-state trial worker (element/solver-state-trial.worker.ts).

import type * as Glue from '../../pkg/simd/tumble_wasm.js';
import type { Flavour } from './engine';

/** One build's glue module (both builds have the same exports). */
export type GlueModule = typeof Glue;

/** Imports the glue of `flavour`. Literal specifiers, so bundlers include both builds. */
export function importGlue(flavour: Flavour): Promise<GlueModule> {
  return flavour === 'simd' ? import('../../pkg/simd/tumble_wasm.js') : import('../../pkg/baseline/tumble_wasm.js');
}
