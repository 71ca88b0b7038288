// Each shape's outline, traced into the context's current path in device pixels.
//
// A body-local point (u, v) lands at (px + kc·u − ks·v, py − (ks·u + kc·v)) on the canvas, where
// (px, py) is the body origin on the canvas and kc, ks are cos and sin of its angle times the
// pixel scale k. The frame buffer carries cos/sin, so no trigonometry runs per body; arcs are
// whole circles (start angle irrelevant) and rounded corners use arcTo, which takes points.

import * as L from './layout';

const TAU = 2 * Math.PI;
/** Circles with a smaller radius (device px) are drawn as squares of equal area. */
export const TINY_PX = 2.5;
/** Half the side of the square whose area is that of the unit circle. */
export const HALF_SQRT_PI = Math.sqrt(Math.PI) / 2;

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
 * Appends the outline of the body in `slot` to the current path. `k` is the pixel scale;
 * `detailed` adds the radius line that shows a circle's rotation.
 */
export function traceShape(
  ctx: CanvasRenderingContext2D,
  shapes: Float32Array,
  vertices: Float32Array,
  slot: number,
  px: number,
  py: number,
  kc: number,
  ks: number,
  k: number,
  detailed: boolean,
): void {
  const o = slot * L.SHAPE_STRIDE;
  const kind = shapes[o + L.SHAPE_KIND];
  switch (kind) {
    case L.SHAPE_CIRCLE: {
      const r = shapes[o + L.SHAPE_P0]!;
      const rk = r * k;
      if (rk < TINY_PX) {
        // A few pixels across, a square of the same area looks alike and rasterizes 2-3× faster.
        const half = rk * HALF_SQRT_PI;
        ctx.rect(px - half, py - half, 2 * half, 2 * half);
        return;
      }
      ctx.moveTo(px + rk, py);
      ctx.arc(px, py, rk, 0, TAU);
      if (detailed) {
        // A zero-area subpath: invisible to fill, a radius line to stroke.
        ctx.moveTo(px, py);
        ctx.lineTo(px + kc * r, py - ks * r);
      }
      return;
    }
    case L.SHAPE_BOX:
      traceRoundedRect(ctx, px, py, kc, ks, shapes[o + L.SHAPE_P0]!, shapes[o + L.SHAPE_P1]!, shapes[o + L.SHAPE_P2]! * k);
      return;
    case L.SHAPE_CAPSULE: {
      // A stadium is a rounded rectangle whose corner radius is half its height.
      const r = shapes[o + L.SHAPE_P1]!;
      traceRoundedRect(ctx, px, py, kc, ks, shapes[o + L.SHAPE_P0]! + r, r, r * k);
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
        if (i === start) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      }
      if (kind === L.SHAPE_POLYGON || kind === L.SHAPE_CLOSED_POLYLINE) ctx.closePath();
      return;
    }
  }
}

/** A rectangle of half extents (hw, hh) metres with corners rounded by `rk` device pixels. */
function traceRoundedRect(
  ctx: CanvasRenderingContext2D,
  px: number,
  py: number,
  kc: number,
  ks: number,
  hw: number,
  hh: number,
  rk: number,
): void {
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
  if (rk < 0.5) {
    ctx.moveTo(x0, y0);
    ctx.lineTo(x1, y1);
    ctx.lineTo(x2, y2);
    ctx.lineTo(x3, y3);
    ctx.closePath();
    return;
  }
  // Start mid-way along the right edge so every corner is an arcTo between its two edges.
  ctx.moveTo((x3 + x0) / 2, (y3 + y0) / 2);
  ctx.arcTo(x0, y0, x1, y1, rk);
  ctx.arcTo(x1, y1, x2, y2, rk);
  ctx.arcTo(x2, y2, x3, y3, rk);
  ctx.arcTo(x3, y3, x0, y0, rk);
  ctx.closePath();
}
