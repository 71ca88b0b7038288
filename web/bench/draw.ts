/**
 * The one Canvas 2D draw routine every engine's rows use, so that drawing costs the same whatever
 * engine fed it: it reads poses only from a frame array (`x, y, cos, sin` per body) and sizes only
 * from a static shape list built once from the scene.
 *
 * It draws the way a careful Canvas 2D renderer does: one path per style (static scenery,
 * dynamic bodies), boxes as four transformed corners, circles as arcs, one fill per path; no
 * per-body state changes. No outlines: on Chromium's software rasteriser stroking ten thousand
 * small shapes costs more than filling them and would only slow every row alike.
 */

import { FRAME_STRIDE } from './engines/engine';
import { BOX, type BenchScene } from './scenes';

/** Shape kind, half extents and static flag per body, in frame order. */
export interface ShapeList {
  count: number;
  kind: Uint8Array;
  hw: Float32Array;
  hh: Float32Array;
  isStatic: Uint8Array;
}

/** World-to-canvas mapping: `px = ox + scale·x`, `py = oy − scale·y`. */
export interface Camera {
  scale: number;
  ox: number;
  oy: number;
}

/** The static shape list of `scene`. */
export function shapeList(scene: BenchScene): ShapeList {
  const count = scene.bodies.length;
  const list: ShapeList = {
    count,
    kind: new Uint8Array(count),
    hw: new Float32Array(count),
    hh: new Float32Array(count),
    isStatic: new Uint8Array(count),
  };
  scene.bodies.forEach((b, i) => {
    list.kind[i] = b.shape;
    list.hw[i] = b.hw;
    list.hh[i] = b.hh;
    list.isStatic[i] = b.isStatic ? 1 : 0;
  });
  return list;
}

/** A camera that fits the scene's initial extent into a `width` × `height` canvas. */
export function fitCamera(scene: BenchScene, width: number, height: number): Camera {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const b of scene.bodies) {
    const r = Math.hypot(b.hw, b.hh);
    minX = Math.min(minX, b.x - r);
    maxX = Math.max(maxX, b.x + r);
    minY = Math.min(minY, b.y - r);
    maxY = Math.max(maxY, b.y + r);
  }
  const scale = 0.95 * Math.min(width / (maxX - minX), height / (maxY - minY));
  return {
    scale,
    ox: width / 2 - (scale * (minX + maxX)) / 2,
    oy: height / 2 + (scale * (minY + maxY)) / 2,
  };
}

const BACKGROUND = '#15181e';
const SCENERY = '#5c6370';
const BODY_FILL = '#4f8fd6';

/** Clears the canvas and draws every body of `frame` with `shapes`. */
export function drawFrame(
  ctx: CanvasRenderingContext2D,
  frame: Float32Array,
  shapes: ShapeList,
  camera: Camera,
): void {
  const { width, height } = ctx.canvas;
  ctx.fillStyle = BACKGROUND;
  ctx.fillRect(0, 0, width, height);
  for (const pass of [1, 0]) {
    ctx.beginPath();
    for (let i = 0; i < shapes.count; i++) {
      if (shapes.isStatic[i] !== pass) continue;
      tracePath(ctx, frame, shapes, camera, i);
    }
    ctx.fillStyle = pass ? SCENERY : BODY_FILL;
    ctx.fill();
  }
}

function tracePath(
  ctx: CanvasRenderingContext2D,
  frame: Float32Array,
  shapes: ShapeList,
  camera: Camera,
  i: number,
): void {
  const o = i * FRAME_STRIDE;
  const k = camera.scale;
  const px = camera.ox + k * frame[o];
  const py = camera.oy - k * frame[o + 1];
  const c = frame[o + 2] * k;
  const s = frame[o + 3] * k;
  if (shapes.kind[i] === BOX) {
    const hw = shapes.hw[i];
    const hh = shapes.hh[i];
    // Body-space (u, v) lands at (px + c·u − s·v, py − s·u − c·v) on the canvas.
    ctx.moveTo(px + c * hw - s * hh, py - s * hw - c * hh);
    ctx.lineTo(px - c * hw - s * hh, py + s * hw - c * hh);
    ctx.lineTo(px - c * hw + s * hh, py + s * hw + c * hh);
    ctx.lineTo(px + c * hw + s * hh, py - s * hw + c * hh);
    ctx.closePath();
  } else {
    const r = shapes.hw[i] * k;
    ctx.moveTo(px + r, py);
    ctx.arc(px, py, r, 0, 2 * Math.PI);
  }
}
