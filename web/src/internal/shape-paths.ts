// Each shape's outline, traced into the context's current path in device pixels.
//
// A body-local point (u, v) lands at (px + kc·u − ks·v, py − (ks·u + kc·v)) on the canvas, where
// (px, py) is the body origin on the canvas and kc, ks are cos and sin of its angle times the
// pixel scale k. The frame buffer carries cos/sin, so no trigonometry runs per body; arcs are
// whole circles (start angle irrelevant) and rounded corners use arcTo, which takes points.
//
// Coordinates are in fixed point: device pixels × FIXED, truncated to integers, drawn under a
// 1/FIXED canvas transform. V8 passes a small integer to the canvas API as it is, but boxes every
// fractional number into a new heap object, so fractional coordinates made ~90 KB of garbage a
// frame at 2000 bodies; whole ones make none. 1/16 px is below what antialiasing shows. For the
// same reason a body's pose reaches traceShape in a reused Float64Array, not as number arguments:
// a call that is not inlined boxes each fractional argument too.

import * as L from './layout';

const TAU = 2 * Math.PI;
/** Path coordinates are device pixels × FIXED, as integers (see the top of this file). */
export const FIXED = 16;
/** The canvas transform scale under which fixed-point coordinates land on device pixels. */
export const INV_FIXED = 1 / FIXED;
/** Circles with a smaller radius (device px) are drawn as squares of equal area. */
export const TINY_PX = 2.5;
/** Half the side of the square whose area is that of the unit circle. */
export const HALF_SQRT_PI = Math.sqrt(Math.PI) / 2;

/** Indices into a pose array (see {@link newPose}): all fixed point (device px × FIXED). */
export const POSE_X = 0;
export const POSE_Y = 1;
/** cos(angle) × pixel scale. */
export const POSE_KC = 2;
/** sin(angle) × pixel scale. */
export const POSE_KS = 3;
/** The pixel scale: fixed-point units per metre. */
export const POSE_K = 4;
/** Scratch for rounded rectangles: half width, half height (metres), corner radius (fixed). */
const POSE_HW = 5;
const POSE_HH = 6;
const POSE_RK = 7;

/** A pose array for {@link traceShape}: the caller fills X, Y, KC, KS and K, and reuses it. */
export function newPose(): Float64Array {
  return new Float64Array(8);
}

/** Shapes drawn as strokes only: they enclose no area. */
export function isLineShape(kind: number): boolean {
  return kind === L.SHAPE_SEGMENT || kind === L.SHAPE_POLYLINE || kind === L.SHAPE_CLOSED_POLYLINE;
}

/** Distance from the body origin to the farthest point of its shape, in metres. */
export function boundingRadius(shapes: Float32Array, vertices: Float32Array, slot: number): number {
  const o = slot * L.SHAPE_STRIDE;
  const p0 = shapes[o + L.SHAPE_P0]!;
  const p1 = shapes[o + L.SHAPE_P1]!;
  switch (shapes[o + L.SHAPE_KIND]) {
    case L.SHAPE_CIRCLE:
      return p0;
    case L.SHAPE_BOX:
      return Math.hypot(p0, p1);
    case L.SHAPE_CAPSULE:
      return p0 + p1;
    case L.SHAPE_NONE:
      return 0;
    default: {
      const start = shapes[o + L.SHAPE_VERTEX_START]! * 2;
      const end = start + shapes[o + L.SHAPE_VERTEX_COUNT]! * 2;
      let r2 = 0;
      for (let i = start; i < end; i += 2) {
        const x = vertices[i]!;
        const y = vertices[i + 1]!;
        r2 = Math.max(r2, x * x + y * y);
      }
      return Math.sqrt(r2);
    }
  }
}

/**
 * Appends the outline of the body in `slot` to the current path, at `pose` (see {@link newPose};
 * fixed point). `detailed` adds the radius line that shows a circle's rotation.
 */
export function traceShape(
  ctx: CanvasRenderingContext2D,
  shapes: Float32Array,
  vertices: Float32Array,
  slot: number,
  pose: Float64Array,
  detailed: boolean,
): void {
  const px = pose[POSE_X]!;
  const py = pose[POSE_Y]!;
  const kc = pose[POSE_KC]!;
  const ks = pose[POSE_KS]!;
  const k = pose[POSE_K]!;
  const o = slot * L.SHAPE_STRIDE;
  const kind = shapes[o + L.SHAPE_KIND];
  switch (kind) {
    case L.SHAPE_CIRCLE: {
      const r = shapes[o + L.SHAPE_P0]!;
      const rk = r * k;
      if (rk < TINY_PX * FIXED) {
        // A few pixels across, a square of the same area looks alike and rasterizes 2-3× faster.
        const half = rk * HALF_SQRT_PI;
        ctx.rect((px - half) | 0, (py - half) | 0, (2 * half) | 0, (2 * half) | 0);
        return;
      }
      ctx.moveTo((px + rk) | 0, py | 0);
      ctx.arc(px | 0, py | 0, rk | 0, 0, TAU);
      if (detailed) {
        // A zero-area subpath: invisible to fill, a radius line to stroke.
        ctx.moveTo(px | 0, py | 0);
        ctx.lineTo((px + kc * r) | 0, (py - ks * r) | 0);
      }
      return;
    }
    case L.SHAPE_BOX:
      pose[POSE_HW] = shapes[o + L.SHAPE_P0]!;
      pose[POSE_HH] = shapes[o + L.SHAPE_P1]!;
      pose[POSE_RK] = shapes[o + L.SHAPE_P2]! * k;
      traceRoundedRect(ctx, pose);
      return;
    case L.SHAPE_CAPSULE: {
      // A stadium is a rounded rectangle whose corner radius is half its height.
      const r = shapes[o + L.SHAPE_P1]!;
      pose[POSE_HW] = shapes[o + L.SHAPE_P0]! + r;
      pose[POSE_HH] = r;
      pose[POSE_RK] = r * k;
      traceRoundedRect(ctx, pose);
      return;
    }
    case L.SHAPE_POLYGON:
    case L.SHAPE_CLOSED_POLYLINE:
    case L.SHAPE_SEGMENT:
    case L.SHAPE_POLYLINE: {
      const start = shapes[o + L.SHAPE_VERTEX_START]! * 2;
      const end = start + shapes[o + L.SHAPE_VERTEX_COUNT]! * 2;
      if (end - start < 4) return;
      for (let i = start; i < end; i += 2) {
        const u = vertices[i]!;
        const v = vertices[i + 1]!;
        const x = px + kc * u - ks * v;
        const y = py - (ks * u + kc * v);
        if (i === start) ctx.moveTo(x | 0, y | 0);
        else ctx.lineTo(x | 0, y | 0);
      }
      if (kind === L.SHAPE_POLYGON || kind === L.SHAPE_CLOSED_POLYLINE) ctx.closePath();
      return;
    }
  }
}

/** A rectangle of half extents (HW, HH) metres with corners rounded by RK, at `pose`. */
function traceRoundedRect(ctx: CanvasRenderingContext2D, pose: Float64Array): void {
  const px = pose[POSE_X]!;
  const py = pose[POSE_Y]!;
  const kc = pose[POSE_KC]!;
  const ks = pose[POSE_KS]!;
  const hw = pose[POSE_HW]!;
  const hh = pose[POSE_HH]!;
  const rk = pose[POSE_RK]!;
  // Corners in canvas pixels: (+hw,+hh), (−hw,+hh), (−hw,−hh), (+hw,−hh) in body space.
  const ax = kc * hw;
  const ay = ks * hw;
  const bx = ks * hh;
  const by = kc * hh;
  const x0 = px + ax - bx;
  const y0 = py - ay - by;
  const x1 = px - ax - bx;
  const y1 = py + ay - by;
  const x2 = px - ax + bx;
  const y2 = py + ay + by;
  const x3 = px + ax + bx;
  const y3 = py - ay + by;
  if (rk < 0.5 * FIXED) {
    ctx.moveTo(x0 | 0, y0 | 0);
    ctx.lineTo(x1 | 0, y1 | 0);
    ctx.lineTo(x2 | 0, y2 | 0);
    ctx.lineTo(x3 | 0, y3 | 0);
    ctx.closePath();
    return;
  }
  // Start mid-way along the right edge so every corner is an arcTo between its two edges.
  const r = rk | 0;
  ctx.moveTo(((x3 + x0) / 2) | 0, ((y3 + y0) / 2) | 0);
  ctx.arcTo(x0 | 0, y0 | 0, x1 | 0, y1 | 0, r);
  ctx.arcTo(x1 | 0, y1 | 0, x2 | 0, y2 | 0, r);
  ctx.arcTo(x2 | 0, y2 | 0, x3 | 0, y3 | 0, r);
  ctx.arcTo(x3 | 0, y3 | 0, x0 | 0, y0 | 0, r);
  ctx.closePath();
}
