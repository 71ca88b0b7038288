// The geometry behind the drawing tools: shapes from pointer drags, freehand strokes simplified
// into polygon bodies and terrain, and body-frame conversions for joint anchors. Pure functions of
// world coordinates (metres, y up): no DOM, no engine. What they return respects the engine's
// limits, so spawning it does not fail.

import type { BodyDesc, ShapeDesc, Vec2 } from './types';

// The engine's limits (limits.ts mirrors tumble-core and is checked against it).
import { MAX_COORDINATE, MAX_POLYGON_VERTICES, MAX_POLYLINE_VERTICES, MIN_POLYGON_AREA, MIN_SIZE } from './limits';

export { MAX_COORDINATE, MAX_POLYGON_VERTICES, MAX_POLYLINE_VERTICES, MIN_POLYGON_AREA, MIN_SIZE };

/** Shortest terrain line in metres; shorter strokes are taken for clicks. */
export const MIN_TERRAIN_LENGTH = 0.01;

/** A capsule's radius as a fraction of its length, so it reads as a capsule and not a ball. */
const CAPSULE_RADIUS_FRACTION = 0.2;

// ---------------------------------------------------------------------------------------------
// Shapes from drags

/** A shape with the pose to spawn it at: `{ type, ...shapeAndPose }` is a `BodyDesc`. */
export interface ShapeAndPose<S extends ShapeDesc = ShapeDesc> {
  shape: S;
  position: Vec2;
  angle: number;
}

type Shape<T extends ShapeDesc['type']> = Extract<ShapeDesc, { type: T }>;

/** A ball dragged out from its centre `a` to a point `b` on its rim; radius at least `minSize / 2`. */
export function ballFromDrag(a: Vec2, b: Vec2, minSize: number): ShapeAndPose<Shape<'circle'>> {
  const radius = atLeast(distance(a, b), minSize / 2);
  return { shape: { type: 'circle', radius }, position: [a[0], a[1]], angle: 0 };
}

/**
 * The axis-aligned box with opposite corners `a` and `b` (in any order), centred between them;
 * each side at least `minSize`, growing about the centre when the drag is shorter.
 */
export function boxFromDrag(a: Vec2, b: Vec2, minSize: number): ShapeAndPose<Shape<'box'>> {
  const width = atLeast(Math.abs(b[0] - a[0]), minSize);
  const height = atLeast(Math.abs(b[1] - a[1]), minSize);
  return { shape: { type: 'box', width, height }, position: midpoint(a, b), angle: 0 };
}

/**
 * A capsule whose cap centres are `a` and `b`: centred between them, turned to point from `a` to
 * `b`, `length` = |b − a| and radius `0.2 × length`. A short drag (a click) still gives a capsule
 * at least `minSize` long overall: length at least `minSize / 2`, radius at least `minSize / 4`.
 */
export function capsuleFromDrag(a: Vec2, b: Vec2, minSize: number): ShapeAndPose<Shape<'capsule'>> {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const length = atLeast(Math.hypot(dx, dy), minSize / 2);
  const radius = atLeast(CAPSULE_RADIUS_FRACTION * length, minSize / 4);
  const angle = dx === 0 && dy === 0 ? 0 : Math.atan2(dy, dx);
  return { shape: { type: 'capsule', length, radius }, position: midpoint(a, b), angle };
}

/** `value`, raised to `min` and to the engine's smallest size. */
function atLeast(value: number, min: number): number {
  return Math.max(value, min, MIN_SIZE);
}

// ---------------------------------------------------------------------------------------------
// Body frames

/**
 * The world point (`px`, `py`) in the frame of a body whose origin is at (`x`, `y`), turned by θ
 * (`cos` = cos θ, `sin` = sin θ): the order of a transform in the frame views. For joint anchors.
 */
export function worldToLocal(x: number, y: number, cos: number, sin: number, px: number, py: number): Vec2 {
  const dx = px - x;
  const dy = py - y;
  return [cos * dx + sin * dy, cos * dy - sin * dx];
}

/** The point (`lx`, `ly`) of a body's own frame in world coordinates; the inverse of `worldToLocal`. */
export function localToWorld(x: number, y: number, cos: number, sin: number, lx: number, ly: number): Vec2 {
  return [x + cos * lx - sin * ly, y + sin * lx + cos * ly];
}

// ---------------------------------------------------------------------------------------------
// Area and centroid

/**
 * The signed area of a closed outline (shoelace formula): positive when counter-clockwise. Terms
 * are taken relative to the first point, which loses less precision far from the origin.
 */
export function polygonArea(points: readonly Vec2[]): number {
  if (points.length < 3) return 0;
  const [ox, oy] = points[0]!;
  let twice = 0;
  for (let i = 1; i + 1 < points.length; i++) {
    const [ax, ay] = points[i]!;
    const [bx, by] = points[i + 1]!;
    twice += (ax - ox) * (by - oy) - (ay - oy) * (bx - ox);
  }
  return twice / 2;
}

/**
 * The area centroid of a closed outline (either winding). An outline without area (fewer than 3
 * points, or all on one line) has none: then the mean of its points, or [0, 0] for no points.
 */
export function polygonCentroid(points: readonly Vec2[]): Vec2 {
  if (points.length === 0) return [0, 0];
  const [ox, oy] = points[0]!;
  let twice = 0;
  let sx = 0;
  let sy = 0;
  let extent = 0;
  for (let i = 1; i < points.length; i++) {
    const ax = points[i]![0] - ox;
    const ay = points[i]![1] - oy;
    extent = Math.max(extent, Math.abs(ax), Math.abs(ay));
    if (i + 1 === points.length) break;
    const bx = points[i + 1]![0] - ox;
    const by = points[i + 1]![1] - oy;
    const c = ax * by - ay * bx;
    twice += c;
    sx += c * (ax + bx);
    sy += c * (ay + by);
  }
  // Rounding leaves a flat outline a sliver of area whose centroid could be anywhere.
  if (!(Math.abs(twice) > 1e-12 * extent * extent)) {
    let mx = 0;
    let my = 0;
    for (const [x, y] of points) {
      mx += x;
      my += y;
    }
    return [mx / points.length, my / points.length];
  }
  return [ox + sx / (3 * twice), oy + sy / (3 * twice)];
}

// ---------------------------------------------------------------------------------------------
// Simplification

/**
 * A freehand stroke (an open path) with fewer points: Ramer–Douglas–Peucker keeps the points that
 * stray more than `tolerance` from the line through their kept neighbours, then kept points
 * closer than `tolerance` to the previous one are dropped. The ends are always kept (both, unless
 * they coincide). Iterative, so 10 000-point strokes are fine; O(n log n) for typical strokes.
 */
export function simplifyPath(points: readonly Vec2[], tolerance: number): Vec2[] {
  const path = withoutRepeats(points, false);
  if (path.length <= 2) return path;
  const keep = new Uint8Array(path.length);
  markFarPoints(path, 0, path.length - 1, squared(tolerance), keep);
  return dropClose(kept(path, keep), tolerance, false);
}

/**
 * A closed outline with fewer points, as `simplifyPath` does for strokes; the last point connects
 * back to the first (a copy of the first point at the end is dropped). Point 0 of a drawing is
 * wherever the pen went down, often mid-edge, so the result starts instead at the point farthest
 * from it, a corner of the outline's convex hull, and the seam adds no corner of its own.
 */
export function simplifyOutline(points: readonly Vec2[], tolerance: number): Vec2[] {
  const ring = withoutRepeats(points, true);
  const n = ring.length;
  if (n < 3) return ring;
  const start = farthestFrom(ring, ring[0]!);
  const opposite = farthestFrom(ring, ring[start]!);
  // The outline from `start` round to `start` again, split at the opposite hull corner.
  const loop = [...ring.slice(start), ...ring.slice(0, start), ring[start]!];
  const middle = (opposite - start + n) % n || n;
  const keep = new Uint8Array(n + 1);
  markFarPoints(loop, 0, middle, squared(tolerance), keep);
  markFarPoints(loop, middle, n, squared(tolerance), keep);
  return dropClose(kept(loop.slice(0, n), keep), tolerance, true);
}

/** `tolerance²`, with a negative or NaN tolerance taken as 0. */
function squared(tolerance: number): number {
  const t = Math.max(tolerance, 0) || 0;
  return t * t;
}

/**
 * Ramer–Douglas–Peucker over `points[first..=last]` with an explicit stack: marks in `keep` both
 * ends and every point that strays more than √`toleranceSq` from the segment between its kept
 * neighbours.
 */
function markFarPoints(points: readonly Vec2[], first: number, last: number, toleranceSq: number, keep: Uint8Array): void {
  keep[first] = 1;
  keep[last] = 1;
  const stack = [first, last];
  while (stack.length > 0) {
    const b = stack.pop()!;
    const a = stack.pop()!;
    let worst = -1;
    let worstSq = toleranceSq;
    for (let i = a + 1; i < b; i++) {
      const d = distanceToSegmentSq(points[i]!, points[a]!, points[b]!);
      if (d > worstSq) {
        worstSq = d;
        worst = i;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push(a, worst, worst, b);
    }
  }
}

function kept(points: readonly Vec2[], keep: Uint8Array): Vec2[] {
  return points.filter((_, i) => keep[i] === 1);
}

/**
 * Drops points closer than `tolerance` to the previous kept one (and exact repeats). An open path
 * keeps its last point instead of the one before it; a closed one also drops end points too
 * close to its first.
 */
function dropClose(points: readonly Vec2[], tolerance: number, closed: boolean): Vec2[] {
  const toleranceSq = squared(tolerance);
  const apart = (p: Vec2, q: Vec2) => {
    const d = distanceSq(p, q);
    return d > 0 && d >= toleranceSq;
  };
  if (points.length === 0) return [];
  const out: Vec2[] = [points[0]!];
  for (let i = 1; i < points.length; i++) {
    if (apart(points[i]!, out[out.length - 1]!)) out.push(points[i]!);
  }
  if (closed) {
    while (out.length > 1 && !apart(out[out.length - 1]!, out[0]!)) out.pop();
  } else {
    const last = points[points.length - 1]!;
    if (out[out.length - 1] !== last) {
      if (out.length > 1) out[out.length - 1] = last;
      else if (distanceSq(out[0]!, last) > 0) out.push(last);
    }
  }
  return out;
}

/** `points` without points equal to the one before (and, if `closed`, a last point equal to the first). */
function withoutRepeats(points: readonly Vec2[], closed: boolean): Vec2[] {
  const out: Vec2[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push([p[0], p[1]]);
  }
  while (closed && out.length > 1 && distanceSq(out[0]!, out[out.length - 1]!) === 0) out.pop();
  return out;
}

function farthestFrom(points: readonly Vec2[], from: Vec2): number {
  let best = 0;
  let bestSq = -1;
  for (let i = 0; i < points.length; i++) {
    const d = distanceSq(points[i]!, from);
    if (d > bestSq) {
      bestSq = d;
      best = i;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Crossings

/** Twice the signed area of triangle `o a b`: positive when `o → a → b` turns left. */
type Cross = (o: Vec2, a: Vec2, b: Vec2) => number;

const cross: Cross = (o, a, b) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);

/**
 * Do the closed segments `a0–a1` and `b0–b1` share any point? True for a proper crossing, for an
 * end lying on the other segment, and for collinear segments that overlap; false for parallel or
 * collinear segments that are apart. The same test as tumble-core's `polygon::segments_touch`.
 */
export function segmentsTouch(a0: Vec2, a1: Vec2, b0: Vec2, b1: Vec2): boolean {
  return touch(a0, a1, b0, b1, cross);
}

function touch(a0: Vec2, a1: Vec2, b0: Vec2, b1: Vec2, crossOf: Cross): boolean {
  const d1 = crossOf(b0, b1, a0);
  const d2 = crossOf(b0, b1, a1);
  const d3 = crossOf(a0, a1, b0);
  const d4 = crossOf(a0, a1, b1);
  const straddles = (p: number, q: number) => (p > 0 && q < 0) || (p < 0 && q > 0);
  if (straddles(d1, d2) && straddles(d3, d4)) return true;
  // `r` is on the line through `p` and `q`: is it within the segment's bounding box?
  const within = (p: Vec2, q: Vec2, r: Vec2) =>
    r[0] >= Math.min(p[0], q[0]) && r[0] <= Math.max(p[0], q[0]) && r[1] >= Math.min(p[1], q[1]) && r[1] <= Math.max(p[1], q[1]);
  return (
    (d1 === 0 && within(b0, b1, a0)) ||
    (d2 === 0 && within(b0, b1, a1)) ||
    (d3 === 0 && within(a0, a1, b0)) ||
    (d4 === 0 && within(a0, a1, b1))
  );
}

/** Whether two edges of the closed outline that are not neighbours cross or touch. */
function crossesItself(points: readonly Vec2[]): boolean {
  const n = points.length;
  const edges = Array.from({ length: n }, (_, i) => i);
  return someOverlapping(points, edges, (a, b) => {
    const gap = Math.abs(a - b);
    if (gap === 1 || gap === n - 1) return false;
    return touch(points[a]!, points[(a + 1) % n]!, points[b]!, points[(b + 1) % n]!, cross);
  });
}

/**
 * Calls `visit` on each pair of the given edges of a closed outline (edge `i` runs from point `i`
 * to the next) whose bounding boxes overlap, until it returns true. Edges are swept in order of
 * their left ends, so only edges whose x ranges overlap meet: close to linear for drawn outlines,
 * quadratic at worst.
 */
function someOverlapping(points: readonly Vec2[], edges: readonly number[], visit: (a: number, b: number) => boolean): boolean {
  const n = points.length;
  // Per edge: left, right, bottom, top.
  const box = new Float64Array(4 * n);
  for (const e of edges) {
    const [x0, y0] = points[e]!;
    const [x1, y1] = points[(e + 1) % n]!;
    box.set([Math.min(x0, x1), Math.max(x0, x1), Math.min(y0, y1), Math.max(y0, y1)], 4 * e);
  }
  const order = [...edges].sort((i, j) => box[4 * i]! - box[4 * j]!);
  const active: number[] = [];
  for (const e of order) {
    let kept = 0;
    for (const a of active) {
      if (box[4 * a + 1]! < box[4 * e]!) continue; // ends left of where `e` starts, so of every later edge too: retire it
      active[kept++] = a;
      if (box[4 * a + 3]! >= box[4 * e + 2]! && box[4 * a + 2]! <= box[4 * e + 3]! && visit(a, e)) return true;
    }
    active.length = kept;
    active.push(e);
  }
  return false;
}

/** Where segments `a0–a1` and `b0–b1` meet, if they are not parallel and do. */
function meetingPoint(a0: Vec2, a1: Vec2, b0: Vec2, b1: Vec2): Vec2 | null {
  const rx = a1[0] - a0[0];
  const ry = a1[1] - a0[1];
  const sx = b1[0] - b0[0];
  const sy = b1[1] - b0[1];
  const denominator = rx * sy - ry * sx;
  if (denominator === 0) return null;
  const qx = b0[0] - a0[0];
  const qy = b0[1] - a0[1];
  const t = (qx * sy - qy * sx) / denominator;
  const u = (qx * ry - qy * rx) / denominator;
  if (!(t >= 0 && t <= 1 && u >= 0 && u <= 1)) return null;
  return [a0[0] + t * rx, a0[1] + t * ry];
}

// ---------------------------------------------------------------------------------------------
// Polygon bodies

/** What `polygonBody` makes of a drawn outline: a body's geometry, or why there is none. */
export type PolygonBodyResult =
  | {
      ok: true;
      /** The area centroid, in world coordinates: the body's position. */
      position: Vec2;
      /** The outline relative to `position`, at most `maxVertices` points; winding as drawn. */
      points: Vec2[];
      /** The outline's area in m² (within 1% of the drawn one unless `maxVertices` forbids). */
      area: number;
    }
  | { ok: false; message: string };

export interface PolygonBodyOptions {
  /** Detail to ignore, in metres: wobbles smaller than this are smoothed away. */
  tolerance: number;
  /** Most vertices, between 3 and `MAX_POLYGON_VERTICES` (the default). */
  maxVertices?: number;
}

export const CROSSING_MESSAGE = 'The outline crosses itself: draw it without crossing';

/** How far the end of a closing stroke may run past its start, as a fraction of its length. */
const OVERSHOOT_FRACTION = 0.15;
/** How much the area may change when the outline is simplified and rounded. */
const AREA_FIDELITY = 0.01;
/** Finer tolerances tried when the given one changes the area too much: tolerance / 2^k. */
const FINER_STEPS = 6;
/** Coarser tolerances tried when too many vertices remain: tolerance × 1.5^k. */
const COARSER_FACTOR = 1.5;
const COARSER_STEPS = 60;
/** The coarser tolerances start no lower than this fraction of the outline's size. */
const COARSER_START = 1e-6;
/** Grids the relative points are rounded to, coarsest first: 1 mm keeps saved scenes readable. */
const ROUNDING_SCALES = [1e3, 1e4, 1e5];

/**
 * Turns an outline drawn in world coordinates (either winding, closing by itself) into a polygon
 * body's geometry, or says in a sentence why it cannot be one.
 *
 * Steps: a stroke that runs on past its start is cut where it crosses it (people overshoot when
 * closing a shape by hand); the outline is simplified with `tolerance`, a finer one if that moves
 * the area by more than 1%, a coarser one while more than `maxVertices` points remain; the points
 * are made relative to the area centroid and rounded to 1 mm (finer if that moves the area by
 * more than 1%). The result passes the engine's own outline check (`polygon::check_simple`),
 * repeated here in the engine's f32 arithmetic.
 *
 * Refused: a coordinate that is not finite or beyond `MAX_COORDINATE`, fewer than 3 distinct
 * points, an outline that crosses itself, an area below `MIN_POLYGON_AREA`, and an outline too
 * intricate to fit in `maxVertices` points without crossing itself.
 */
export function polygonBody(outline: readonly Vec2[], options: PolygonBodyOptions): PolygonBodyResult {
  const bad = coordinateProblem(outline, 'outline');
  if (bad) return { ok: false, message: bad };
  const maxVertices = Math.min(Math.max(Math.floor(options.maxVertices ?? MAX_POLYGON_VERTICES), 3), MAX_POLYGON_VERTICES) || MAX_POLYGON_VERTICES;
  const ring = withoutRepeats(trimOvershoot(withoutRepeats(outline, true)), true);
  if (!hasThreeDistinct(ring)) {
    return { ok: false, message: 'The outline needs at least 3 distinct points: drag to draw a shape' };
  }

  const tolerance = Math.min(Math.max(options.tolerance, 0) || 0, diagonal(ring));
  const cache = new Map<number, Candidate>();
  const candidate = (t: number) => {
    let c = cache.get(t);
    if (!c) {
      const points = simplifyOutline(ring, t);
      c = { points, area: Math.abs(polygonArea(points)) };
      cache.set(t, c);
    }
    return c;
  };
  const crosses = (c: Candidate) => (c.crosses ??= crossesItself(c.points));
  // Coarsest first, so the given tolerance is used when it is good enough.
  const finer = Array.from({ length: FINER_STEPS + 1 }, (_, k) => tolerance / 2 ** k);
  // A crossing that every simplification down to 1/64 of the tolerance keeps is in the drawing
  // (one of 3 points or fewer cannot cross, so says nothing).
  let drawnCrosses = false;
  for (const t of finer) {
    const c = candidate(t);
    if (c.points.length < 4) continue;
    drawnCrosses = crosses(c);
    if (!drawnCrosses) break;
  }
  if (drawnCrosses) return { ok: false, message: CROSSING_MESSAGE };

  const drawnArea = Math.abs(polygonArea(ring));
  if (!(drawnArea >= MIN_POLYGON_AREA)) return { ok: false, message: tooSmall(drawnArea) };

  const usable = (c: Candidate) =>
    c.points.length >= 3 && c.points.length <= maxVertices && c.area >= MIN_POLYGON_AREA && !crosses(c);
  const faithful = (area: number, allowed: number) => Math.abs(area - drawnArea) <= allowed;
  let chosen: Candidate | undefined;
  for (const t of finer) {
    const c = candidate(t);
    if (c.points.length > maxVertices) break; // finer ones keep more points still
    if (faithful(c.area, AREA_FIDELITY * drawnArea) && usable(c)) {
      chosen = c;
      break;
    }
  }
  const coarse = Math.max(tolerance, COARSER_START * diagonal(ring));
  for (let k = 0; !chosen && k <= COARSER_STEPS; k++) {
    const c = candidate(coarse * COARSER_FACTOR ** k);
    if (usable(c)) chosen = c;
    else if (c.points.length < 3) break;
  }
  // Near the smallest area, simplifying or rounding can take the rest.
  const tooSmallOrThin = drawnArea < 2 * MIN_POLYGON_AREA ? tooSmall(drawnArea) : 'The outline is too thin to make a solid shape: draw it wider';
  if (!chosen) {
    const intricate = [...cache.values()].some((c) => c.crosses);
    const message = intricate
      ? `The outline is too intricate to fit in ${maxVertices} corners without crossing itself: draw it with fewer wiggles`
      : tooSmallOrThin;
    return { ok: false, message };
  }

  // Rounding may not move the area further from the drawn one than 1%, or than simplifying did.
  const allowed = Math.max(AREA_FIDELITY * drawnArea, Math.abs(chosen.area - drawnArea));
  const position = polygonCentroid(chosen.points);
  const relative = chosen.points.map(([x, y]): Vec2 => [x - position[0], y - position[1]]);
  for (const scale of [...ROUNDING_SCALES, 0]) {
    const points = scale ? withoutRepeats(relative.map(([x, y]): Vec2 => [roundTo(x, scale), roundTo(y, scale)]), true) : relative;
    const area = Math.abs(polygonArea(points));
    if (faithful(area, allowed) && engineAccepts(points)) return { ok: true, position, points, area };
  }
  return { ok: false, message: tooSmallOrThin };
}

/** An outline simplified with one tolerance; whether it crosses itself is found when needed. */
interface Candidate {
  points: Vec2[];
  area: number;
  crosses?: boolean;
}

function tooSmall(area: number): string {
  return `The shape is too small (${area.toPrecision(2)} m²; the smallest is ${MIN_POLYGON_AREA} m²): draw it larger`;
}

/** Why some coordinate cannot reach the engine, naming the point, or null if none. */
function coordinateProblem(points: readonly Vec2[], what: string): string | null {
  for (let i = 0; i < points.length; i++) {
    const [x, y] = points[i]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      return `Point ${i} of the ${what} is not a finite number (${x}, ${y}): draw it again`;
    }
    if (Math.abs(x) > MAX_COORDINATE || Math.abs(y) > MAX_COORDINATE) {
      return `Point ${i} of the ${what} is outside the world (beyond ±${MAX_COORDINATE} m): draw closer to the origin`;
    }
  }
  return null;
}

function hasThreeDistinct(points: readonly Vec2[]): boolean {
  const p0 = points[0];
  if (!p0) return false;
  const p1 = points.find((p) => distanceSq(p, p0) > 0);
  return p1 !== undefined && points.some((p) => distanceSq(p, p0) > 0 && distanceSq(p, p1) > 0);
}

/**
 * A stroke that closes a shape by running on past its start, cut where it crosses its start: at
 * the outermost crossing (keeping the most of the stroke) between an edge near its start and one
 * near its end that cuts away at most `OVERSHOOT_FRACTION` of its length. Other strokes come back
 * unchanged.
 */
function trimOvershoot(points: readonly Vec2[]): readonly Vec2[] {
  const n = points.length;
  if (n < 4) return points;
  const along = new Float64Array(n);
  for (let i = 1; i < n; i++) along[i] = along[i - 1]! + distance(points[i - 1]!, points[i]!);
  const total = along[n - 1]!;
  const reach = OVERSHOOT_FRACTION * total;
  // Edges of the open stroke (not the closing one) near its start and near its end.
  const edges: number[] = [];
  for (let i = 0; i < n - 1; i++) if (along[i]! < reach || total - along[i + 1]! < reach) edges.push(i);
  let best = null as { i: number; j: number; at: Vec2 } | null;
  someOverlapping(points, edges, (a, b) => {
    const [i, j] = a < b ? [a, b] : [b, a];
    if (j - i < 2 || (best && j - i <= best.j - best.i)) return false;
    const at = meetingPoint(points[i]!, points[i + 1]!, points[j]!, points[j + 1]!);
    if (!at) return false;
    const cutAway = along[i]! + distance(points[i]!, at) + (total - along[j]! - distance(points[j]!, at));
    if (cutAway <= reach) best = { i, j, at };
    return false;
  });
  return best ? [best.at, ...points.slice(best.i + 1, best.j + 1)] : points;
}

function roundTo(value: number, scale: number): number {
  return Math.round(value * scale) / scale + 0; // + 0 turns -0 into 0
}

// The engine's outline check (tumble-core `polygon::check_simple`), in its f32 arithmetic: an
// outline far from the origin or nearly touching itself can pass in f64 and fail in f32.
// Math.fround after each operation gives exactly the f32 result.

const f32 = Math.fround;
/** tumble-core `polygon::SAME_POINT`. */
const SAME_POINT = f32(1e-6);
/** tumble-core `polygon::COLLINEAR`. */
const COLLINEAR = f32(1e-5);

const cross32: Cross = (o, a, b) =>
  f32(f32(f32(a[0] - o[0]) * f32(b[1] - o[1])) - f32(f32(a[1] - o[1]) * f32(b[0] - o[0])));

/** Whether `check_simple(points, MIN_POLYGON_AREA)` passes for these points as f32. */
function engineAccepts(outline: readonly Vec2[]): boolean {
  const points = outline.map(([x, y]): Vec2 => [f32(x), f32(y)]);
  const n = points.length;
  if (n < 3 || points.some(([x, y]) => !Number.isFinite(x) || !Number.isFinite(y))) return false;
  const samePlace = (a: Vec2, b: Vec2) => Math.abs(f32(a[0] - b[0])) <= SAME_POINT && Math.abs(f32(a[1] - b[1])) <= SAME_POINT;
  for (let i = 0; i < n; i++) if (samePlace(points[i]!, points[(i + n - 1) % n]!)) return false;
  // Repeated neighbours are out, so three points pairwise apart exist unless all are on a line;
  // the engine's all-collinear test covers that.
  const p0 = points[0]!;
  const lengthSq = (p: Vec2) => f32(f32(f32(p[0] - p0[0]) ** 2) + f32(f32(p[1] - p0[1]) ** 2));
  const far = points.reduce((best, p) => (lengthSq(p) > lengthSq(best) ? p : best), p0);
  const length = f32(Math.sqrt(lengthSq(far)));
  const flatness = f32(f32(COLLINEAR * length) * length);
  if (points.every((p) => Math.abs(cross32(p0, far, p)) <= flatness)) return false;
  for (let i = 0; i < n; i++) {
    for (let j = i + 2; j < (i === 0 ? n - 1 : n); j++) {
      if (touch(points[i]!, points[(i + 1) % n]!, points[j]!, points[(j + 1) % n]!, cross32)) return false;
    }
  }
  let twice = 0;
  for (let i = 1; i + 1 < n; i++) twice = f32(twice + cross32(p0, points[i]!, points[i + 1]!));
  return Math.abs(f32(twice * 0.5)) >= f32(MIN_POLYGON_AREA);
}

// ---------------------------------------------------------------------------------------------
// Terrain

/** What `terrainBody` makes of a drawn line: a static body, or why there is none. */
export type TerrainBodyResult =
  | {
      ok: true;
      /** A static polyline body positioned at the line's first point. */
      body: BodyDesc & { type: 'static'; shape: Shape<'polyline'> };
      /** The simplified line's length in metres. */
      length: number;
    }
  | { ok: false; message: string };

/**
 * Turns an open stroke in world coordinates into static terrain: a polyline body at the stroke's
 * first point, the points relative to it, simplified with `tolerance` (raised while more than
 * `maxVertices` points remain) and rounded to 1 mm. Refused: a coordinate that is not finite or
 * beyond `MAX_COORDINATE`, fewer than 2 distinct points, and a line shorter than
 * `MIN_TERRAIN_LENGTH` or twice `tolerance` (a click rather than a stroke).
 */
export function terrainBody(path: readonly Vec2[], tolerance: number, maxVertices: number = MAX_POLYLINE_VERTICES): TerrainBodyResult {
  const bad = coordinateProblem(path, 'line');
  if (bad) return { ok: false, message: bad };
  const max = Math.min(Math.max(Math.floor(maxVertices), 2), MAX_POLYLINE_VERTICES) || MAX_POLYLINE_VERTICES;
  const start = path[0];
  if (!start || !path.some((p) => distanceSq(p, start) > 0)) {
    return { ok: false, message: 'The line needs at least 2 distinct points: drag to draw it' };
  }
  const t = Math.max(tolerance, 0) || 0;
  let simplified = simplifyPath(path, t);
  const coarse = Math.max(t, COARSER_START * diagonal(path));
  for (let k = 1; simplified.length > max; k++) simplified = simplifyPath(path, coarse * COARSER_FACTOR ** k);
  const position: Vec2 = [start[0], start[1]];
  const points = withoutRepeats(
    simplified.map(([x, y]): Vec2 => [roundTo(x - start[0], ROUNDING_SCALES[0]!), roundTo(y - start[1], ROUNDING_SCALES[0]!)]),
    false,
  );
  let length = 0;
  for (let i = 1; i < points.length; i++) length += distance(points[i - 1]!, points[i]!);
  const minLength = Math.max(MIN_TERRAIN_LENGTH, 2 * t);
  if (points.length < 2 || length < minLength) {
    return { ok: false, message: `The line is too short (${length.toPrecision(2)} m): draw one at least ${minLength.toPrecision(2)} m long` };
  }
  return { ok: true, body: { type: 'static', shape: { type: 'polyline', points }, position }, length };
}

// ---------------------------------------------------------------------------------------------
// Small vector helpers

function distanceSq(a: Vec2, b: Vec2): number {
  return (b[0] - a[0]) ** 2 + (b[1] - a[1]) ** 2;
}

function distance(a: Vec2, b: Vec2): number {
  return Math.hypot(b[0] - a[0], b[1] - a[1]);
}

function midpoint(a: Vec2, b: Vec2): Vec2 {
  return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
}

function diagonal(points: readonly Vec2[]): number {
  let [x0, y0] = points[0] ?? [0, 0];
  let [x1, y1] = [x0, y0];
  for (const [x, y] of points) {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  return Math.hypot(x1 - x0, y1 - y0);
}

/** Squared distance from `p` to the segment `a–b` (to `a` when the segment is a point). */
function distanceToSegmentSq(p: Vec2, a: Vec2, b: Vec2): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const lengthSq = dx * dx + dy * dy;
  const t = lengthSq > 0 ? Math.min(Math.max(((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / lengthSq, 0), 1) : 0;
  return distanceSq(p, [a[0] + t * dx, a[1] + t * dy]);
}
