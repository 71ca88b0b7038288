/**
 * matter.js: a pure JavaScript engine that works in pixels and milliseconds with y down.
 *
 * Scale: 1 m = {@link PX_PER_M} px, so a ball of radius 0.25 m is 12.5 px (matter makes it a
 * 13-sided polygon) and a 1 m box is 50 px, sizes matter's default tolerances (slop 0.05 px) are
 * tuned for. Gravity 9.81 m/s² becomes 490.5 px/s², i.e. `gravity.y = 1` with
 * `gravity.scale = 9.81 · 50 / 1000²` (matter's acceleration unit is px/ms²), and each step is
 * `Engine.update(engine, 1000 / 60)`. Density 1 kg/m² becomes 1/50² per px². Matter's default
 * air friction (0.01) is set to 0 so that no engine damps motion. y is flipped on the way in and
 * out, and so is the angle. Default iterations (6 position, 4 velocity).
 */

import Matter from 'matter-js';

import { BOX, DENSITY, DT, FRICTION, GRAVITY, RESTITUTION, type BenchScene } from '../scenes';
import { FRAME_STRIDE, type BenchEngine, type BenchWorld } from './engine';

/** Pixels per metre. */
export const PX_PER_M = 50;

export const matter: BenchEngine = {
  id: 'matter-js',
  units: `1 m = ${PX_PER_M} px`,
  async init() {
    return (Matter as unknown as { version: string }).version;
  },
  create(scene: BenchScene): BenchWorld {
    const engine = Matter.Engine.create({
      gravity: { x: 0, y: 1, scale: (-GRAVITY * PX_PER_M) / 1e6 },
      enableSleeping: false,
    });
    const options = (isStatic: boolean): Matter.IChamferableBodyDefinition => ({
      isStatic,
      density: DENSITY / (PX_PER_M * PX_PER_M),
      friction: FRICTION,
      restitution: RESTITUTION,
      frictionAir: 0,
    });
    const bodies = scene.bodies.map((b) => {
      const x = b.x * PX_PER_M;
      const y = -b.y * PX_PER_M;
      return b.shape === BOX
        ? Matter.Bodies.rectangle(x, y, 2 * b.hw * PX_PER_M, 2 * b.hh * PX_PER_M, options(b.isStatic))
        : Matter.Bodies.circle(x, y, b.hw * PX_PER_M, options(b.isStatic));
    });
    Matter.Composite.add(engine.world, bodies);
    const deltaMs = DT * 1000;
    const toMetres = 1 / PX_PER_M;
    return {
      step: () => Matter.Engine.update(engine, deltaMs),
      sync(out) {
        for (let i = 0; i < bodies.length; i++) {
          const body = bodies[i];
          const p = body.position;
          const angle = -body.angle;
          const o = i * FRAME_STRIDE;
          out[o] = p.x * toMetres;
          out[o + 1] = -p.y * toMetres;
          out[o + 2] = Math.cos(angle);
          out[o + 3] = Math.sin(angle);
        }
        return out;
      },
      dispose() {
        Matter.World.clear(engine.world, false);
        Matter.Engine.clear(engine);
      },
    };
  },
};
