// Which bodies share a path: slots grouped by body kind, shape kind and colour. Built only when
// the frame's `structureVersion` changes, so a frame only walks prebuilt slot lists.

import * as L from './layout';
import type { FrameViews } from './engine';
import { boundingRadius, isLineShape } from './shape-paths';

/** Bodies drawn with one fill style and one stroke style. */
export interface Batch {
  /** SHAPE_* of every body in the batch. */
  shapeKind: number;
  /** Static and kinematic bodies are scenery: drawn first, never dimmed. */
  dynamic: boolean;
  /** CSS fill, or null for line shapes (segments, polylines), which are only stroked. */
  fill: string | null;
  /** CSS stroke: the outline of filled shapes, the line itself for line shapes. */
  stroke: string;
  /** Slot of each body. */
  slots: Int32Array;
  /** Bounding radius of each body, metres (culling). */
  radii: Float32Array;
  /** The largest of `radii`: below a few pixels on screen, outlines and radius lines are skipped. */
  maxRadius: number;
}

/** Groups every occupied slot of `views` into batches, scenery first. */
export function buildBatches(views: FrameViews): Batch[] {
  const groups = new Map<string, { kind: number; dynamic: boolean; color: number; slots: number[] }>();
  const { bodyState, shapes, colors } = views;
  for (let slot = 0; slot < views.slotCount; slot++) {
    const state = bodyState[slot]!;
    if (!(state & L.STATE_OCCUPIED)) continue;
    const kind = shapes[slot * L.SHAPE_STRIDE + L.SHAPE_KIND]!;
    if (kind === L.SHAPE_NONE) continue;
    const dynamic = ((state >> L.STATE_KIND_SHIFT) & L.STATE_KIND_MASK) === L.KIND_DYNAMIC;
    const color = colors[slot]!;
    const key = `${dynamic ? 1 : 0}:${kind}:${color}`;
    let group = groups.get(key);
    if (!group) {
      group = { kind, dynamic, color, slots: [] };
      groups.set(key, group);
    }
    group.slots.push(slot);
  }
  const batches: Batch[] = [];
  for (const g of groups.values()) {
    const radii = new Float32Array(g.slots.length);
    let maxRadius = 0;
    g.slots.forEach((slot, i) => {
      radii[i] = boundingRadius(shapes, views.vertices, slot);
      maxRadius = Math.max(maxRadius, radii[i]!);
    });
    const line = isLineShape(g.kind);
    batches.push({
      shapeKind: g.kind,
      dynamic: g.dynamic,
      fill: line ? null : cssColor(g.color, 1),
      stroke: line ? cssColor(g.color, 1) : cssColor(g.color, OUTLINE_SHADE),
      slots: Int32Array.from(g.slots),
      radii,
      maxRadius,
    });
  }
  // Scenery under bodies; within each, filled shapes under lines; then a stable colour order.
  return batches.sort(
    (a, b) =>
      Number(a.dynamic) - Number(b.dynamic) ||
      Number(a.fill === null) - Number(b.fill === null) ||
      a.shapeKind - b.shapeKind ||
      a.stroke.localeCompare(b.stroke),
  );
}

/** How much darker an outline is than its fill. */
export const OUTLINE_SHADE = 0.55;

/** `0xRRGGBBAA` as a CSS colour, its RGB multiplied by `shade`. */
export function cssColor(rgba: number, shade: number): string {
  const r = Math.round(((rgba >>> 24) & 0xff) * shade);
  const g = Math.round(((rgba >>> 16) & 0xff) * shade);
  const b = Math.round(((rgba >>> 8) & 0xff) * shade);
  const a = (rgba & 0xff) / 255;
  return a >= 1 ? `rgb(${r} ${g} ${b})` : `rgb(${r} ${g} ${b} / ${a.toFixed(3)})`;
}
