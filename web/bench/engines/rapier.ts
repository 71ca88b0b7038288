/**
 * rapier.js (`@dimforge/rapier2d-compat`): the same Rust engine behind the official JS bindings.
 * The compat package inlines its (non-SIMD) wasm as base64. Default integration parameters.
 */

import RAPIER from '@dimforge/rapier2d-compat';

import { BOX, DENSITY, DT, FRICTION, GRAVITY, RESTITUTION, type BenchScene } from '../scenes';
import { FRAME_STRIDE, type BenchEngine, type BenchWorld } from './engine';

export const rapierCompat: BenchEngine = {
  id: 'rapier2d-compat',
  async init() {
    await RAPIER.init();
    return RAPIER.version();
  },
  create(scene: BenchScene): BenchWorld {
    const world = new RAPIER.World({ x: 0, y: GRAVITY });
    world.timestep = DT;
    const bodies: RAPIER.RigidBody[] = [];
    for (const b of scene.bodies) {
      const desc = (b.isStatic ? RAPIER.RigidBodyDesc.fixed() : RAPIER.RigidBodyDesc.dynamic())
        .setTranslation(b.x, b.y)
        .setCanSleep(false);
      const body = world.createRigidBody(desc);
      const collider = b.shape === BOX ? RAPIER.ColliderDesc.cuboid(b.hw, b.hh) : RAPIER.ColliderDesc.ball(b.hw);
      world.createCollider(collider.setDensity(DENSITY).setFriction(FRICTION).setRestitution(RESTITUTION), body);
      bodies.push(body);
    }
    return {
      step: () => world.step(),
      sync(out) {
        for (let i = 0; i < bodies.length; i++) {
          const body = bodies[i];
          const p = body.translation();
          const angle = body.rotation();
          const o = i * FRAME_STRIDE;
          out[o] = p.x;
          out[o + 1] = p.y;
          out[o + 2] = Math.cos(angle);
          out[o + 3] = Math.sin(angle);
        }
        return out;
      },
      dispose: () => world.free(),
    };
  },
};
