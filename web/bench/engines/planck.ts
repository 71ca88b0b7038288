/**
 * planck.js: a JavaScript port of Box2D v2.4. Default iterations (8 velocity, 3 position).
 */

import { Box, Circle, World, type Body } from 'planck';

import { BOX, DENSITY, DT, FRICTION, GRAVITY, RESTITUTION, type BenchScene } from '../scenes';
import { FRAME_STRIDE, type BenchEngine, type BenchWorld } from './engine';

// planck exports no version constant; keep this in step with package.json.
const VERSION = '1.4.2';

export const planck: BenchEngine = {
  id: 'planck',
  async init() {
    return VERSION;
  },
  create(scene: BenchScene): BenchWorld {
    const world = new World({ gravity: { x: 0, y: GRAVITY }, allowSleep: false });
    const bodies: Body[] = [];
    for (const b of scene.bodies) {
      const body = world.createBody({
        type: b.isStatic ? 'static' : 'dynamic',
        position: { x: b.x, y: b.y },
        allowSleep: false,
      });
      const shape = b.shape === BOX ? new Box(b.hw, b.hh) : new Circle(b.hw);
      body.createFixture(shape, { density: DENSITY, friction: FRICTION, restitution: RESTITUTION });
      bodies.push(body);
    }
    return {
      step: () => world.step(DT),
      sync(out) {
        for (let i = 0; i < bodies.length; i++) {
          const body = bodies[i];
          const p = body.getPosition();
          const angle = body.getAngle();
          const o = i * FRAME_STRIDE;
          out[o] = p.x;
          out[o + 1] = p.y;
          out[o + 2] = Math.cos(angle);
          out[o + 3] = Math.sin(angle);
        }
        return out;
      },
      // Plain JavaScript objects: the garbage collector frees the world.
      dispose() {},
    };
  },
};
