// The sandbox's pointer tools (what a press on the canvas does), their keys and help texts, and
// the bodies a click with a spawn tool makes.

import type { BodyDesc, Vec2 } from './types';

/**
 * The pointer tools:
 * - `drag` pulls bodies with a spring (empty space pans);
 * - `select` picks bodies and joints (shift adds), moves the selection, or boxes several;
 * - `ball`, `box`, `capsule`: press and drag to size (a click drops a default one);
 * - `polygon`: click corners (click the first again, double-click or Enter to close) or draw it freehand;
 * - `terrain`: a static line through clicked points (double-click or Enter ends) or drawn freehand;
 * - `pin`: a revolute joint at the pointer, between the two bodies there (or a body and the world);
 * - `weld`, `rope`, `spring`: a joint between two picked points (on empty space: the world).
 */
export type Tool = 'drag' | 'select' | 'ball' | 'box' | 'capsule' | 'polygon' | 'terrain' | 'pin' | 'weld' | 'rope' | 'spring';

/** Tools that add a body by drag-to-size. */
export type ShapeTool = 'ball' | 'box' | 'capsule';
/** Tools that join two bodies. */
export type JointTool = 'pin' | 'weld' | 'rope' | 'spring';
/** The spawn helpers' shapes (a click with a shape tool, the element's `spawn` shortcuts). */
export type SpawnTool = ShapeTool | 'polygon';

export const TOOLS: readonly Tool[] = ['drag', 'select', 'ball', 'box', 'capsule', 'polygon', 'terrain', 'pin', 'weld', 'rope', 'spring'];

/** The key that picks each tool (shown in its tooltip). */
export const TOOL_KEYS: Readonly<Record<Tool, string>> = {
  drag: 'h',
  select: 'v',
  ball: 'b',
  box: 'x',
  capsule: 'c',
  polygon: 'n',
  terrain: 't',
  pin: 'j',
  weld: 'w',
  rope: 'q',
  spring: 's',
};

/** The button label of each tool. */
export const TOOL_LABELS: Readonly<Record<Tool, string>> = {
  drag: 'Drag',
  select: 'Select',
  ball: 'Ball',
  box: 'Box',
  capsule: 'Capsule',
  polygon: 'Polygon',
  terrain: 'Terrain',
  pin: 'Pin',
  weld: 'Weld',
  rope: 'Rope',
  spring: 'Spring',
};

/** What each tool does, for its tooltip. */
export const TOOL_TIPS: Readonly<Record<Tool, string>> = {
  drag: 'Pull bodies with the pointer; drag empty space to pan',
  select: 'Select bodies and joints (Shift adds), drag to move them, drag empty space to box-select',
  ball: 'Press and drag to size a ball; a click drops one',
  box: 'Press and drag corner to corner for a box; a click drops one',
  capsule: 'Press and drag end to end for a capsule; a click drops one',
  polygon: 'Click corners (click the first again or press Enter to close), or draw freehand',
  terrain: 'Click points of static ground (double-click or Enter ends), or draw freehand',
  pin: 'Click where two bodies overlap to pin them there, or on one body to pin it to the world',
  weld: 'Click a point on one body, then one on another, to weld them together',
  rope: 'Click a point on one body, then one on another (or empty space for the world), to tie a rope',
  spring: 'Click a point on one body, then one on another (or empty space for the world), to add a spring',
};

/** Whether `tool` makes a shape by drag-to-size. */
export function isShapeTool(tool: Tool): tool is ShapeTool {
  return tool === 'ball' || tool === 'box' || tool === 'capsule';
}

/** Whether `tool` makes a joint. */
export function isJointTool(tool: Tool): tool is JointTool {
  return tool === 'pin' || tool === 'weld' || tool === 'rope' || tool === 'spring';
}

/** The presets' palette (tumble-core `kit::PALETTE`), so spawned bodies fit in. */
export const PALETTE = ['#e4572e', '#f3a712', '#29bf12', '#4f8fd6', '#a06cd5', '#ef476f'];

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
    case 'capsule':
      return {
        type: 'dynamic',
        shape: { type: 'capsule', length: size, radius: size / 4 },
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
