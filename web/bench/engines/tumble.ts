/**
 * Tumble itself, through the same engine wrapper the demo uses, in either wasm build. Scenes are
 * the presets by name (`rain?count=4000`); `checkLayout` confirms they match the shared scene list.
 *
 * Its sync is what a Tumble renderer does each frame: ask for the views (one header check; the
 * transform view already is the `x, y, cos, sin` array) and read every pose once, summed into a
 * sink so the JIT cannot skip the reads.
 */

import { loadEngine, type EngineModule, type Flavour } from '../../src/internal/engine';
import pkg from '../../../package.json';
import type { BenchScene } from '../scenes';
import { sink, type BenchEngine, type BenchWorld } from './engine';

export function tumble(flavour: Flavour): BenchEngine {
  let module: EngineModule | null = null;
  return {
    id: `tumble-${flavour}`,
    async init() {
      module = await loadEngine({ flavour });
      if (module.flavour !== flavour) throw new Error(`asked for the ${flavour} build, got ${module.flavour}`);
      return `${pkg.version} (${flavour})`;
    },
    create(scene: BenchScene): BenchWorld {
      if (!module) throw new Error('init() first');
      const engine = module.create({ preset: scene.spec });
      return {
        step: () => engine.step(),
        sync() {
          const transforms = engine.views().transforms;
          let sum = 0;
          for (let i = 0; i < transforms.length; i++) sum += transforms[i];
          sink.value += sum;
          return transforms;
        },
        dispose: () => engine.free(),
      };
    },
  };
}
