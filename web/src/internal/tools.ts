// What a click does with each tool, and the bodies the spawn tools make.

import type { BodyDesc, Vec2 } from './types';

/** The pointer tools: drag bodies (default), or spawn a ball, a box or a polygon on click. */
export type Tool = 'drag' | 'ball' | 'box' | 'polygon';
export type SpawnTool = Exclude<Tool, 'drag'>;

export const TOOLS: readonly Tool[] = ['drag', 'ball', 'box', 'polygon'];

/** The presets' palette (tumble-core `kit::PALETTE`), so spawned bodies fit in. */
const PALETTE = ['#e4572e', '#f3a712', '#29bf12', '#4f8fd6', '#a06cd5', '#ef476f'];

/**
 * A body for `tool` centred at (x, y), about `size` metres across. `random` returns numbers in
 * [0, 1) (Math.random by default; tests pass a seeded one).
 */
export function spawnDesc(tool: SpawnTool, x: number, y: number, size: number, random: () => number = Math.random): BodyDesc {
  const color = PALETTE[Math.floor(random() * PALETTE.length)]!;
  const position: Vec2 = [x, y];
  const half = size / 2;
  switch (tool) {
    case 'ball':
      return { type: 'dynamic', shape: { type: 'circle', radius: half }, position, color };
    case 'box':
      return {
        type: 'dynamic',
        shape: { type: 'box', width: size, height: size * (0.6 + 0.4 * random()) },
        position,
        angle: (random() - 0.5) * 0.6,
        color,
      };
    case 'polygon':
      return { type: 'dynamic', shape: { type: 'polygon', points: randomConvexPolygon(half, random) }, position, color };
  }
}

/**
 * A random convex polygon of 3 to 7 corners around the origin: points on a circle of `radius`
 * are always in convex position, and jittering their angles by less than half the even spacing
 * keeps them in order and apart.
 */
export function randomConvexPolygon(radius: number, random: () => number): Vec2[] {
  const n = 3 + Math.floor(random() * 5);
  const spacing = (2 * Math.PI) / n;
  const start = random() * spacing;
  const points: Vec2[] = [];
  for (let i = 0; i < n; i++) {
    const angle = start + i * spacing + (random() - 0.5) * 0.6 * spacing;
    points.push([round(radius * Math.cos(angle)), round(radius * Math.sin(angle))]);
  }
  return points;
}

/** Millimetre precision keeps saved scenes readable. */
function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
