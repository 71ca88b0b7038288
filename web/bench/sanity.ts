/**
 * Did the simulation do what the scene should do? A row that fails is reported with the reason,
 * never dropped. The thresholds match the native `tumble-bench` checks where both have one.
 */

import { FRAME_STRIDE } from './engines/engine';
import type { BenchScene } from './scenes';

/** Whether a row is believable, and what the check found, in words. */
export interface Verdict {
  sane: boolean;
  check: string;
}

/** Lowest centre height a dynamic body may have: balls (r 0.25) and boxes (h 0.5) rest above it. */
const LOWEST_Y = 0.2;
/** A pyramid stands while its top box is within half a box of where it started. */
const PYRAMID_TOLERANCE = 0.5;

/**
 * Checks that `frame` (just after creation) holds the scene's bodies where the scene put them:
 * catches an engine adapter, or Tumble's preset, drifting from the shared scene list.
 */
export function checkLayout(scene: BenchScene, frame: Float32Array): Verdict {
  if (frame.length < scene.bodies.length * FRAME_STRIDE) {
    return { sane: false, check: `frame holds ${frame.length / FRAME_STRIDE} bodies, scene has ${scene.bodies.length}` };
  }
  let worst = 0;
  for (let i = 0; i < scene.bodies.length; i++) {
    const b = scene.bodies[i];
    const o = i * FRAME_STRIDE;
    const off = Math.max(Math.abs(frame[o] - b.x), Math.abs(frame[o + 1] - b.y), Math.abs(frame[o + 2] - 1), Math.abs(frame[o + 3]));
    if (!(off < 1e-4)) {
      const got = Array.from(frame.subarray(o, o + FRAME_STRIDE), (v) => v.toFixed(4)).join(', ');
      return { sane: false, check: `body ${i} starts at (${got}), the scene says (${b.x}, ${b.y}, 1, 0)` };
    }
    worst = Math.max(worst, off);
  }
  return { sane: true, check: `initial poses match the scene list (largest difference ${worst})` };
}

/** Checks the final `frame` of a run of `scene`. */
export function checkResult(scene: BenchScene, frame: Float32Array): Verdict {
  const bodies = scene.bodies;
  let startSum = 0;
  let sum = 0;
  let dynamic = 0;
  let lowest = Infinity;
  for (let i = 0; i < bodies.length; i++) {
    const o = i * FRAME_STRIDE;
    for (let k = 0; k < FRAME_STRIDE; k++) {
      if (!Number.isFinite(frame[o + k])) return { sane: false, check: `body ${i} has a non-finite pose` };
    }
    if (bodies[i].isStatic) continue;
    const x = frame[o];
    const y = frame[o + 1];
    if (x < scene.bounds.minX || x > scene.bounds.maxX) {
      return { sane: false, check: `body ${i} escaped to x = ${x.toFixed(2)}` };
    }
    lowest = Math.min(lowest, y);
    startSum += bodies[i].y;
    sum += y;
    dynamic++;
  }
  if (lowest < LOWEST_Y) {
    const rest = bodies[bodies.length - 1].hh;
    return { sane: false, check: `a body sank into the ground: centre at y = ${lowest.toFixed(3)} (rests at ${rest}, limit ${LOWEST_Y})` };
  }
  const start = startSum / dynamic;
  const now = sum / dynamic;
  if (scene.name === 'rain') {
    if (!(now < start)) return { sane: false, check: `the rain did not fall: mean y ${start.toFixed(2)} -> ${now.toFixed(2)}` };
    return { sane: true, check: `mean y ${start.toFixed(2)} -> ${now.toFixed(2)}, lowest ${lowest.toFixed(3)}` };
  }
  const top = bodies.length - 1;
  const dx = frame[top * FRAME_STRIDE] - bodies[top].x;
  const dy = frame[top * FRAME_STRIDE + 1] - bodies[top].y;
  const moved = `top box moved (${dx.toFixed(3)}, ${dy.toFixed(3)}), mean y ${start.toFixed(2)} -> ${now.toFixed(2)}`;
  if (Math.hypot(dx, dy) > PYRAMID_TOLERANCE) return { sane: false, check: `the pyramid fell: ${moved}` };
  return { sane: true, check: moved };
}
