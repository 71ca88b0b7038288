/**
 * The benchmark scenes as plain data, so that every engine builds exactly the same world.
 *
 * These replicate `crates/tumble-core/src/presets/pyramid.rs` and `rain.rs` number for number:
 * the presets compute in f32, so every intermediate value here goes through `Math.fround`. The
 * Tumble rows load the presets themselves (`pyramid?base=60`) and check their initial transforms
 * against this list, so a drift between the two is caught, not measured.
 *
 * Units are metres, y up. Every body has density 1, friction 0.6, restitution 0.
 */

/** A body's shape: a box (`hw`, `hh` half extents) or a circle (`hw` is the radius). */
export const BOX = 0;
/** See {@link BOX}. */
export const CIRCLE = 1;

/** One body of a benchmark scene. */
export interface SceneBody {
  isStatic: boolean;
  shape: typeof BOX | typeof CIRCLE;
  x: number;
  y: number;
  /** Half width, or the radius of a circle. */
  hw: number;
  /** Half height (equal to `hw` for a circle). */
  hh: number;
}

/** A benchmark scene: its preset spec and its bodies in Tumble's slot order (statics first). */
export interface BenchScene {
  name: SceneName;
  /** Pyramid base or rain count. */
  n: number;
  /** The Tumble preset spec, e.g. `rain?count=4000`. */
  spec: string;
  bodies: SceneBody[];
  /** Where dynamic bodies may be after the run: inside the container (rain) or on the ground. */
  bounds: { minX: number; maxX: number };
}

export type SceneName = 'pyramid' | 'rain';

export const DENSITY = 1;
export const FRICTION = 0.6;
export const RESTITUTION = 0;
export const GRAVITY = -9.81;
export const DT = 1 / 60;

const f = Math.fround;

/** Builds the scene `name` with size parameter `n`. */
export function buildScene(name: SceneName, n: number): BenchScene {
  return name === 'pyramid' ? pyramid(n) : rain(n);
}

/** A static box with its top edge at `top`, centred on `x` (tumble-core's `kit::ground`). */
function ground(x: number, top: number, width: number, thickness: number): SceneBody {
  return staticBox(x, f(top - f(thickness / 2)), width, thickness);
}

function staticBox(x: number, y: number, width: number, height: number): SceneBody {
  return { isStatic: true, shape: BOX, x, y, hw: f(width / 2), hh: f(height / 2) };
}

function pyramid(base: number): BenchScene {
  const width = f(base + 10);
  const bodies: SceneBody[] = [ground(0, 0, Math.max(width, 40), 1)];
  for (let row = 0; row < base; row++) {
    const count = base - row;
    const y = f(0.5 + row);
    const x0 = f(-f(count - 1) / 2);
    for (let i = 0; i < count; i++) {
      bodies.push({ isStatic: false, shape: BOX, x: f(x0 + i), y, hw: 0.5, hh: 0.5 });
    }
  }
  const half = Math.max(width, 40) / 2;
  return { name: 'pyramid', n: base, spec: `pyramid?base=${base}`, bodies, bounds: { minX: -half, maxX: half } };
}

const RADIUS = 0.25;
const SPACING = f(0.6);

function rain(count: number): BenchScene {
  let inner = f(SPACING * f(Math.sqrt(count)));
  inner = Math.max(inner, f(2 * SPACING));
  const columns = Math.max(Math.floor(f(inner / SPACING)), 1);
  const wall = 0.5;
  const wallHeight = f(Math.max(inner, 4) * f(1.2));
  const wallX = f(f(inner + wall) / 2);
  const wallY = f(f(wallHeight / 2) - wall);
  const bodies: SceneBody[] = [
    ground(0, 0, f(inner + 2 * wall), wall),
    staticBox(-wallX, wallY, wall, wallHeight),
    staticBox(wallX, wallY, wall, wallHeight),
  ];
  const x0 = f(f(-inner / 2) + f(SPACING / 2));
  const stagger = f(SPACING / 4);
  for (let i = 0; i < count; i++) {
    const row = Math.floor(i / columns);
    const col = i % columns;
    const x = f(f(x0 + f(col * SPACING)) + (row % 2 === 1 ? stagger : 0));
    const y = f(1 + f(row * SPACING));
    bodies.push({ isStatic: false, shape: CIRCLE, x, y, hw: RADIUS, hh: RADIUS });
  }
  return { name: 'rain', n: count, spec: `rain?count=${count}`, bodies, bounds: { minX: -wallX, maxX: wallX } };
}
